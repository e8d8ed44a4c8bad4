// Request bodies: the members each operation reads, type-checked as the AWS JSON 1.1 deserializer
// would (a wrong type is a SerializationException; constraints are the operation's to check).
import { errorReply, type OperationName, type Reply } from './wire.js';

type MemberType = 'string' | 'integer' | 'attributeList' | 'usernameConfiguration' | 'lambdaConfig';

/** One element of a UserAttributes list as sent; Name is required by the model, so may be missing here. */
export interface AttributeInput {
  readonly Name: string | undefined;
  readonly Value: string | undefined;
}

/** UsernameConfiguration as sent; CaseSensitive is required by the model, so may be missing here. */
export interface UsernameConfigurationInput {
  readonly CaseSensitive: boolean | undefined;
}

/** LambdaConfig as sent: only the pre token generation trigger is modelled (other triggers are ignored). */
export interface LambdaConfigInput {
  readonly PreTokenGeneration: string | undefined;
  readonly PreTokenGenerationConfig: { readonly LambdaArn: string | undefined; readonly LambdaVersion: string | undefined } | undefined;
}

/** A decoded member's value. */
export type InputValue = string | number | readonly AttributeInput[] | UsernameConfigurationInput | LambdaConfigInput;

/** A decoded request: the members the operation reads, with JSON null treated as absent. */
export type OperationInput = Readonly<Record<string, InputValue | undefined>>;

/** A decoded request, or the SerializationException reply when the body cannot be decoded. */
export type DecodeResult = { readonly ok: true; readonly input: OperationInput } | { readonly ok: false; readonly reply: Reply };

const GROUP_WRITE_SHAPE = { GroupName: 'string', UserPoolId: 'string', Description: 'string', RoleArn: 'string', Precedence: 'integer' } as const;
const GROUP_KEY_SHAPE = { GroupName: 'string', UserPoolId: 'string' } as const;
const USER_KEY_SHAPE = { UserPoolId: 'string', Username: 'string' } as const;
const MEMBERSHIP_SHAPE = { UserPoolId: 'string', Username: 'string', GroupName: 'string' } as const;

/** The members each operation reads; other members are ignored, as AWS ignores unknown members. */
const INPUT_SHAPES: Record<OperationName, Readonly<Record<string, MemberType>>> = {
  CreateGroup: GROUP_WRITE_SHAPE,
  UpdateGroup: GROUP_WRITE_SHAPE,
  GetGroup: GROUP_KEY_SHAPE,
  DeleteGroup: GROUP_KEY_SHAPE,
  ListGroups: { UserPoolId: 'string', Limit: 'integer', NextToken: 'string' },
  CreateUserPool: { PoolName: 'string', UsernameConfiguration: 'usernameConfiguration', LambdaConfig: 'lambdaConfig' },
  DescribeUserPool: { UserPoolId: 'string' },
  ListUserPools: { MaxResults: 'integer', NextToken: 'string' },
  AdminCreateUser: { UserPoolId: 'string', Username: 'string', UserAttributes: 'attributeList' },
  AdminGetUser: USER_KEY_SHAPE,
  AdminDeleteUser: USER_KEY_SHAPE,
  ListUsers: { UserPoolId: 'string', Limit: 'integer', PaginationToken: 'string', Filter: 'string' },
  ListUsersInGroup: { UserPoolId: 'string', GroupName: 'string', Limit: 'integer', NextToken: 'string' },
  AdminListGroupsForUser: { UserPoolId: 'string', Username: 'string', Limit: 'integer', NextToken: 'string' },
  AdminAddUserToGroup: MEMBERSHIP_SHAPE,
  AdminRemoveUserFromGroup: MEMBERSHIP_SHAPE,
};

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

class WrongType extends Error {}

function optionalString(o: Record<string, unknown>, k: string, where: string): string | undefined {
  const v = o[k];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new WrongType(`Member '${where}.${k}' must be a string.`);
  return v;
}

function decodeMember(member: string, type: MemberType, v: unknown): InputValue {
  switch (type) {
    case 'string':
      if (typeof v !== 'string') throw new WrongType(`Member '${member}' must be a string.`);
      return v;
    case 'integer':
      if (!(typeof v === 'number' && Number.isInteger(v))) throw new WrongType(`Member '${member}' must be an integer.`);
      return v;
    case 'attributeList': {
      if (!Array.isArray(v)) throw new WrongType(`Member '${member}' must be a list.`);
      return v.map((e: unknown, i) => {
        if (!isObject(e)) throw new WrongType(`Member '${member}[${i}]' must be an object.`);
        return { Name: optionalString(e, 'Name', `${member}[${i}]`), Value: optionalString(e, 'Value', `${member}[${i}]`) };
      });
    }
    case 'lambdaConfig': {
      if (!isObject(v)) throw new WrongType(`Member '${member}' must be an object.`);
      const config = v['PreTokenGenerationConfig'];
      if (config !== undefined && config !== null && !isObject(config)) throw new WrongType(`Member '${member}.PreTokenGenerationConfig' must be an object.`);
      return {
        PreTokenGeneration: optionalString(v, 'PreTokenGeneration', member),
        PreTokenGenerationConfig: isObject(config)
          ? { LambdaArn: optionalString(config, 'LambdaArn', `${member}.PreTokenGenerationConfig`), LambdaVersion: optionalString(config, 'LambdaVersion', `${member}.PreTokenGenerationConfig`) }
          : undefined,
      };
    }
    case 'usernameConfiguration': {
      if (!isObject(v)) throw new WrongType(`Member '${member}' must be an object.`);
      const c = v['CaseSensitive'];
      if (c !== undefined && c !== null && typeof c !== 'boolean') throw new WrongType(`Member '${member}.CaseSensitive' must be a boolean.`);
      return { CaseSensitive: typeof c === 'boolean' ? c : undefined };
    }
  }
}

/** Parses and type-checks a request body. Wrong JSON or wrong member types give SerializationException. */
export function decodeInput(op: OperationName, body: string): DecodeResult {
  let parsed: unknown;
  try {
    parsed = body.trim() === '' ? {} : JSON.parse(body);
  } catch (e) {
    return { ok: false, reply: errorReply('SerializationException', `Request body is not valid JSON: ${(e as Error).message}`) };
  }
  if (!isObject(parsed)) return { ok: false, reply: errorReply('SerializationException', 'Request body must be a JSON object.') };
  const input: Record<string, InputValue | undefined> = {};
  try {
    for (const [member, type] of Object.entries(INPUT_SHAPES[op])) {
      const v = parsed[member];
      if (v === undefined || v === null) continue;
      input[member] = decodeMember(member, type, v);
    }
  } catch (e) {
    if (e instanceof WrongType) return { ok: false, reply: errorReply('SerializationException', e.message) };
    throw e;
  }
  return { ok: true, input };
}

export function str(input: OperationInput, k: string): string | undefined {
  const v = input[k];
  return typeof v === 'string' ? v : undefined;
}

export function int(input: OperationInput, k: string): number | undefined {
  const v = input[k];
  return typeof v === 'number' ? v : undefined;
}

export function attributeList(input: OperationInput, k: string): readonly AttributeInput[] | undefined {
  const v = input[k];
  return Array.isArray(v) ? (v as readonly AttributeInput[]) : undefined;
}

export function usernameConfiguration(input: OperationInput, k: string): UsernameConfigurationInput | undefined {
  const v = input[k];
  return typeof v === 'object' && !Array.isArray(v) ? (v as UsernameConfigurationInput) : undefined;
}

export function lambdaConfig(input: OperationInput, k: string): LambdaConfigInput | undefined {
  const v = input[k];
  return typeof v === 'object' && !Array.isArray(v) && 'PreTokenGeneration' in (v as object) ? (v as LambdaConfigInput) : undefined;
}
