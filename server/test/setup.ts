// Test process defaults: a fixed session secret and no demo seeding.
process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret-0123";
process.env.SEED_DEMO = "false";
process.env.LOG_LEVEL = "silent";
// Unit tests keep rate limits in memory: a Redis shared with other runs would mix counts.
delete process.env.REDIS_URL;
