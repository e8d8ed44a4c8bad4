// Where the AWS SDK sends Cognito requests: an endpoint URL as plans record it and outputs show it, and
// the endpoint the SDK takes from the environment variables when none is given.
import { CgError } from '../../core/errors.js';
/**
 * An endpoint URL as plans record it and outputs show it: normalised (so http://h:1 and http://h:1/ are
 * the same endpoint) and without any user name or password in it; or a USAGE error naming where it
 * came from.
 */
export function normalEndpoint(what, value) {
    let url;
    try {
        url = new URL(value.trim());
    }
    catch {
        throw new CgError('USAGE', `${what} ${JSON.stringify(value)}: not a URL; expected one such as http://127.0.0.1:9329 or https://cognito-idp.eu-west-1.amazonaws.com`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new CgError('USAGE', `${what} ${JSON.stringify(value)}: expected an http:// or https:// URL`);
    }
    url.username = '';
    url.password = '';
    return url.href;
}
/**
 * The endpoint the AWS SDK takes from the environment when none is given (AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER,
 * then AWS_ENDPOINT_URL, unless AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is true), normalised; undefined for none.
 * An endpoint_url in the shared config file is not seen here (see the README).
 */
export function endpointFromEnvironment(env) {
    const value = rawEndpointFromEnvironment(env);
    return value === undefined ? undefined : normalEndpoint('AWS_ENDPOINT_URL', value);
}
/** The same endpoint as written in the environment (for the SDK), undefined for none. */
export function rawEndpointFromEnvironment(env) {
    if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === 'true')
        return undefined;
    const nonEmpty = (s) => (s === undefined || s.trim() === '' ? undefined : s.trim());
    return nonEmpty(env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER) ?? nonEmpty(env.AWS_ENDPOINT_URL);
}
