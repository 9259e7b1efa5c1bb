import { describe, expect, it } from 'vitest';
import { ACTOR_CACHE_MAX, boundedCache } from './app.ts';

describe('the actor cache', () => {
  it('holds at most its limit, forgetting the oldest written first', () => {
    const cache = boundedCache<number>(3, 30_000);
    for (const [i, key] of ['a', 'b', 'c', 'd'].entries()) cache.set(key, i);
    expect(cache.size).toBe(3);
    expect(cache.get('a')).toBeUndefined();
    expect([cache.get('b'), cache.get('c'), cache.get('d')]).toEqual([1, 2, 3]);
    // Writing a key again makes it the newest.
    cache.set('b', 10);
    cache.set('e', 4);
    expect(cache.get('c')).toBeUndefined();
    expect(cache.get('b')).toBe(10);
  });

  it('does not grow past its limit under a stream of distinct keys', () => {
    const cache = boundedCache<null>(ACTOR_CACHE_MAX, 30_000);
    for (let i = 0; i < ACTOR_CACHE_MAX * 5; i++) cache.set(`nobody-${i}@example.org`, null);
    expect(cache.size).toBe(ACTOR_CACHE_MAX);
    expect(ACTOR_CACHE_MAX).toBe(1_000);
  });

  it('forgets an entry once its time is up', () => {
    let now = 0;
    const cache = boundedCache<string>(10, 30_000, () => now);
    cache.set('sam', 'actor');
    now = 29_999;
    expect(cache.get('sam')).toBe('actor');
    now = 30_000;
    expect(cache.get('sam')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('remembers "no such member of staff" (null) as an answer, not a miss', () => {
    const cache = boundedCache<string | null>(10, 30_000);
    cache.set('nobody', null);
    expect(cache.get('nobody')).toBeNull();
  });
});
