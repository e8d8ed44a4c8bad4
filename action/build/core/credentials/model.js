// Identity pools as the credentials analysis sees them: which user pools and app clients they federate,
// and how they turn a user's ID token into an IAM role. Data only; read by the edge, judged by the core.
export {};
