/**
 * Fault injection (failures, resets, latency; options and runtime changes;
 * deterministic by seed) and the general rate limit.
 */
import { BankAccountDataClient, ConnectionException, ServerException } from '../../src/index';
import { createSandboxServer } from '../../src/sandbox/index';
import { accessToken, http, startSandbox, testClock } from './helpers';

describe('failureRate', () => {
  it('answers non-token requests with 500/503 in the API error shape; token requests are spared', async () => {
    const sandbox = await startSandbox({ failureRate: 1 });
    try {
      const call = http(sandbox);
      const token = await accessToken(sandbox, call); // token endpoints are not faulted
      for (let i = 0; i < 6; i++) {
        const result = await call('GET', '/api/v2/institutions/', { token });
        expect([500, 503]).toContain(result.status);
        expect(result.body).toMatchObject({ type: 'sandbox_fault', status_code: result.status });
        expect(result.headers.get('HTTP_X_RATELIMIT_LIMIT')).toBe('1000');
      }
      expect(sandbox.requests.filter((r) => r.fault === 'failure')).toHaveLength(6);
    } finally {
      await sandbox.close();
    }
  });

  it('fails the same requests for the same seed, about the given fraction', async () => {
    const run = async (seed: number) => {
      const sandbox = await startSandbox({ seed, failureRate: 0.3 });
      try {
        const call = http(sandbox);
        const token = await accessToken(sandbox, call);
        const statuses: number[] = [];
        for (let i = 0; i < 60; i++) statuses.push((await call('GET', '/api/v2/institutions/?country=GB', { token })).status);
        return statuses;
      } finally {
        await sandbox.close();
      }
    };
    const [a, b, c] = await Promise.all([run(3), run(3), run(4)]);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    const failed = a.filter((s) => s >= 500).length;
    expect(failed).toBeGreaterThan(5);
    expect(failed).toBeLessThan(35);
  });

  it('lets the client retry idempotent calls through to success', async () => {
    const sandbox = await startSandbox({ seed: 11, failureRate: 0.5 });
    try {
      const client = new BankAccountDataClient({ ...sandbox.credentials, baseUrl: sandbox.url, maxRetries: 8, retryBaseDelayMs: 1, retryMaxDelayMs: 2 });
      for (let i = 0; i < 5; i++) expect((await client.institutions.retrieveInstitution({ id: 'MONZO_MONZGB2L' })).id).toBe('MONZO_MONZGB2L');
      // Each call ended in one success; every other answer on the route was an injected failure the client retried.
      const statuses = sandbox.requests.filter((r) => r.path === '/api/v2/institutions/MONZO_MONZGB2L/').map((r) => r.status);
      expect(statuses.filter((status) => status === 200)).toHaveLength(5);
      expect(statuses.filter((status) => status >= 500)).toHaveLength(statuses.length - 5);
      expect(statuses.length).toBeGreaterThan(5);
      expect(statuses[statuses.length - 1]).toBe(200);
      sandbox.setFaults({ failureRate: 1 });
      const noRetry = new BankAccountDataClient({ ...sandbox.credentials, baseUrl: sandbox.url, maxRetries: 0 });
      await expect(noRetry.institutions.retrieveInstitution({ id: 'MONZO_MONZGB2L' })).rejects.toBeInstanceOf(ServerException);
    } finally {
      await sandbox.close();
    }
  });
});

describe('resetRate', () => {
  it('destroys the connection without an answer', async () => {
    const sandbox = await startSandbox({ resetRate: 1 });
    try {
      const call = http(sandbox);
      const token = await accessToken(sandbox, call);
      await expect(call('GET', '/api/v2/requisitions/', { token })).rejects.toThrow();
      expect(sandbox.requests[sandbox.requests.length - 1]).toMatchObject({ path: '/api/v2/requisitions/', status: 0, fault: 'reset' });
      const client = new BankAccountDataClient({ ...sandbox.credentials, baseUrl: sandbox.url, maxRetries: 1, retryBaseDelayMs: 1 });
      await expect(client.requisitions.retrieveAllRequisitions()).rejects.toBeInstanceOf(ConnectionException);
    } finally {
      await sandbox.close();
    }
  });
});

describe('latencyMs and runtime changes', () => {
  it('delays answers, and faults can be changed while running (checked)', async () => {
    const sandbox = await startSandbox({ latencyMs: 150 });
    try {
      const call = http(sandbox);
      let started = Date.now();
      await call('GET', '/api/v2/institutions/');
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);

      sandbox.faults.latencyMs = 0;
      started = Date.now();
      await call('GET', '/api/v2/institutions/');
      expect(Date.now() - started).toBeLessThan(140);

      sandbox.setFaults({ failureRate: 1 });
      expect(sandbox.faults).toEqual({ latencyMs: 0, failureRate: 1, resetRate: 0 });
      expect((await call('GET', '/api/v2/institutions/')).status).toBeGreaterThanOrEqual(500);
      sandbox.setFaults({ failureRate: 0 });
      expect((await call('GET', '/api/v2/institutions/')).status).toBe(401);

      expect(() => {
        sandbox.faults.failureRate = 2;
      }).toThrow(TypeError);
      expect(() => sandbox.setFaults({ resetRate: -1 })).toThrow(/resetRate/);
      expect(() => sandbox.setFaults({ timeoutRate: 1 } as never)).toThrow(/unknown fault/);
    } finally {
      await sandbox.close();
    }
  });

  it('close() ends requests still waiting out their latency', async () => {
    const sandbox = await startSandbox({ latencyMs: 10_000 });
    // (fetch's TypeError comes from another realm than jest's, so compare names, not classes)
    const pending = http(sandbox)('GET', '/api/v2/institutions/').then(
      () => 'answered',
      (error: Error) => error.name,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await sandbox.close();
    expect(await pending).toBe('TypeError'); // fetch failed: the connection was cut
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe('general rate limit', () => {
  it('answers 429 with the general headers when the window is spent, and recovers when it ends', async () => {
    const clock = testClock();
    const sandbox = await createSandboxServer({ now: clock.now, rateLimit: 3, rateLimitWindowSeconds: 10 });
    try {
      const call = http(sandbox);
      const remaining: Array<string | null> = [];
      for (let i = 0; i < 3; i++) remaining.push((await call('GET', '/api/v2/institutions/')).headers.get('HTTP_X_RATELIMIT_REMAINING'));
      expect(remaining).toEqual(['2', '1', '0']);
      clock.advance(4_000);
      const limited = await call('GET', '/api/v2/institutions/');
      expect(limited.status).toBe(429);
      expect(limited.body.detail).toBe('The rate limit for this resource is 3/10s. Please try again in 6 seconds');
      expect(['LIMIT', 'REMAINING', 'RESET'].map((k) => limited.headers.get(`HTTP_X_RATELIMIT_${k}`))).toEqual(['3', '0', '6']);
      clock.advance(6_000);
      expect((await call('GET', '/api/v2/institutions/')).status).toBe(401); // past the limit again: on to authentication
    } finally {
      await sandbox.close();
    }
  });
});
