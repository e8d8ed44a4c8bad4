// Folding environments' pools into one file (issue 26, point 1), pure: what folds, what becomes
// ${account} or ${env}, what is written per environment and reported.
import { describe, expect, it } from 'vitest';
import { foldEnvironments, type EnvironmentListing } from '../../src/core/config/fold-environments.js';

type Group = EnvironmentListing['pools'][number]['groups'][number];
const env = (name: string, account: string | undefined, groups: Group[]): EnvironmentListing => ({ name, ...(account === undefined ? {} : { account }), pools: [{ key: 'main', id: `eu-west-1_${name}1`, groups }] });

describe('foldEnvironments', () => {
  it('keeps values that already agree as they are, even when they hold the account or the name', () => {
    const role = 'arn:aws:iam::111111111111:role/Shared';
    const f = foldEnvironments([env('dev', '111111111111', [{ name: 'a', roleArn: role, description: 'dev and prod' }]), env('prod', '222222222222', [{ name: 'a', roleArn: role, description: 'dev and prod' }])]);
    expect(f.userPools[0]?.groups).toEqual([{ name: 'a', roleArn: role, description: 'dev and prod' }]);
    expect(f.differences).toEqual([]);
  });

  it('uses ${account} before ${env}, and ${env} only for the whole word', () => {
    const f = foldEnvironments([
      env('dev', '111111111111', [{ name: 'a', roleArn: 'arn:aws:iam::111111111111:role/dev-admins', description: 'developers of dev' }]),
      env('prod', '222222222222', [{ name: 'a', roleArn: 'arn:aws:iam::222222222222:role/prod-admins', description: 'developers of prod' }]),
    ]);
    expect(f.userPools[0]?.groups).toEqual([{ name: 'a', roleArn: 'arn:aws:iam::${account}:role/${env}-admins', description: 'developers of ${env}' }]);
  });

  it('never writes ${account} for an environment whose account is unknown', () => {
    const f = foldEnvironments([
      env('dev', undefined, [{ name: 'a', roleArn: 'arn:aws:iam::111111111111:role/Admins' }]),
      env('prod', undefined, [{ name: 'a', roleArn: 'arn:aws:iam::222222222222:role/Admins' }]),
    ]);
    expect(f.userPools[0]?.groups).toEqual([
      { name: 'a', roleArn: 'arn:aws:iam::111111111111:role/Admins', only: ['dev'] },
      { name: 'a', roleArn: 'arn:aws:iam::222222222222:role/Admins', only: ['prod'] },
    ]);
    expect(f.differences).toEqual([{ key: 'main', group: 'a', fields: ['roleArn'], variants: [['dev'], ['prod']] }]);
  });

  it('writes a variant per set of environments that agree, and only: for a group some lack', () => {
    const f = foldEnvironments([
      env('dev', undefined, [{ name: 'a', precedence: 1 }, { name: 'm', members: ['bob', 'alice'] }]),
      env('staging', undefined, [{ name: 'a', precedence: 1 }, { name: 'm', members: ['alice', 'bob'] }]),
      env('prod', undefined, [{ name: 'a', precedence: 2 }]),
    ]);
    expect(f.userPools[0]?.groups).toEqual([
      { name: 'a', precedence: 1, only: ['dev', 'staging'] },
      { name: 'a', precedence: 2, only: ['prod'] },
      { name: 'm', members: ['alice', 'bob'], only: ['dev', 'staging'] },
    ]);
    expect(f.partial).toEqual([{ key: 'main', group: 'm', only: ['dev', 'staging'] }]);
    expect(f.differences).toEqual([{ key: 'main', group: 'a', fields: ['precedence'], variants: [['dev', 'staging'], ['prod']] }]);
  });
});
