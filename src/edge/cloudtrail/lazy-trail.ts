import type { SdkOptions } from '../cognito/sdk-api.js';
import type { TrailApi, TrailPage, TrailQuery } from './port.js';
import type { SdkTrailApi } from './sdk-trail.js';

/** The SDK's CloudTrail port, loaded on its first call: plan and apply never pay for loading the CloudTrail client. */
export class LazySdkTrailApi implements TrailApi {
  private loading: Promise<SdkTrailApi> | undefined;
  private made: SdkTrailApi | undefined;

  constructor(private readonly options: SdkOptions) {}

  async lookupEvents(query: TrailQuery): Promise<TrailPage> {
    this.loading ??= import('./sdk-trail.js').then((m) => (this.made = new m.SdkTrailApi(this.options)));
    return (await this.loading).lookupEvents(query);
  }

  /** Closes the client's connections, if it was ever made. */
  destroy(): void {
    this.made?.destroy();
  }
}
