import { attemptLimit } from '../src/timeout';

describe('the attempt limit', () => {
  it("calls the transport's end hook when the attempt ends", () => {
    const limit = attemptLimit(60_000, undefined);
    const ended: Error[] = [];
    limit.onEnd((error) => ended.push(error));
    limit.end();
    limit.dispose();
    expect(ended).toHaveLength(1);
    expect(ended[0].name).toBe('AbortError');
  });

  it('lets go of the end hook once disposed, so an attempt that is over keeps no request alive and ends none', () => {
    const limit = attemptLimit(60_000, undefined);
    const ended: Error[] = [];
    limit.onEnd((error) => ended.push(error));
    limit.dispose();
    limit.end();
    expect(ended).toHaveLength(0);
  });
});
