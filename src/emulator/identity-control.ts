// The control API's seeding of identity pools and IAM roles, validated as CreateIdentityPool,
// SetIdentityPoolRoles and CreateRole validate them, bypassing IAM, quotas and faults.
import { randomUUID } from 'node:crypto';
import type { RunningEmulator } from './api.js';
import { handleIamAction, roleArnOf } from './iam-roles.js';
import { handleIdentityOperation } from './identity-pools.js';
import { usage } from './misuse.js';
import type { EmulatorState } from './state.js';

/** The identity seeding methods of RunningEmulator. */
export type IdentityControlApi = Pick<RunningEmulator, 'createIdentityPool' | 'setIdentityPoolRoles' | 'createRole'>;

/** The identity seeding methods of the control API, working on `state`. */
export function identityControlApi(state: EmulatorState): IdentityControlApi {
  return {
    createIdentityPool(name, options = {}) {
      const region = options.region ?? state.defaultRegion;
      const providers = (options.userPools ?? []).map((p) => ({
        ProviderName: `cognito-idp.${p.region ?? region}.amazonaws.com/${p.userPoolId}`,
        ClientId: p.clientId,
      }));
      const handled = handleIdentityOperation('CreateIdentityPool', { IdentityPoolName: name, AllowUnauthenticatedIdentities: false, CognitoIdentityProviders: providers }, state.identity, region);
      if (!handled.reply.ok) throw usage(`createIdentityPool: ${handled.reply.message}`);
      state.persistInBackground();
      return handled.reply.body['IdentityPoolId'] as string;
    },

    setIdentityPoolRoles(identityPoolId, roles) {
      const handled = handleIdentityOperation('SetIdentityPoolRoles', { IdentityPoolId: identityPoolId, ...roles }, state.identity, identityPoolId.split(':')[0] ?? state.defaultRegion);
      if (!handled.reply.ok) throw usage(`setIdentityPoolRoles: ${handled.reply.message}`);
      state.persistInBackground();
    },

    createRole(name, trustPolicy, options = {}) {
      const form = new URLSearchParams({ RoleName: name, AssumeRolePolicyDocument: typeof trustPolicy === 'string' ? trustPolicy : JSON.stringify(trustPolicy), Path: options.path ?? '/' });
      const handled = handleIamAction('CreateRole', form, state.identity, state.account, state.clock(), randomUUID());
      if (handled.reply.error !== undefined) throw usage(`createRole: ${handled.reply.error}: ${/<Message>(.*)<\/Message>/s.exec(handled.reply.body)?.[1] ?? ''}`);
      state.persistInBackground();
      return roleArnOf(state.account, { Path: options.path ?? '/', RoleName: name });
    },
  };
}
