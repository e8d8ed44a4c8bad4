/** The SDK's CloudTrail port, loaded on its first call: plan and apply never pay for loading the CloudTrail client. */
export class LazySdkTrailApi {
    options;
    loading;
    made;
    constructor(options) {
        this.options = options;
    }
    async lookupEvents(query) {
        this.loading ??= import('./sdk-trail.js').then((m) => (this.made = new m.SdkTrailApi(this.options)));
        return (await this.loading).lookupEvents(query);
    }
    /** Closes the client's connections, if it was ever made. */
    destroy() {
        this.made?.destroy();
    }
}
