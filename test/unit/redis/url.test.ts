import { Cluster, Redis } from 'ioredis';
import { loadConfig } from '../../../src/config/load';
import { type RedisConnection, redisClient, redisKeyPrefix } from '../../../src/redis/connect';
import { parseRedisUrl } from '../../../src/redis/url';

describe('REDIS_URL forms', () => {
  test('GIVEN a Sentinel URL WHEN parsed THEN it names the sentinels, the primary, the database and both passwords', () => {
    expect(
      parseRedisUrl(
        'redis+sentinel://:s%40cret@10.0.0.1:26379,10.0.0.2,[::1]:26380/calma-main?db=2&sentinelPassword=sp',
      ),
    ).toEqual({
      kind: 'sentinel',
      name: 'calma-main',
      sentinels: [
        { host: '10.0.0.1', port: 26379 },
        { host: '10.0.0.2', port: 26379 },
        { host: '::1', port: 26380 },
      ],
      db: 2,
      tls: false,
      password: 's@cret',
      sentinelPassword: 'sp',
    });
  });

  test('GIVEN a Cluster URL over TLS WHEN parsed THEN it lists the seed nodes, default port 6379', () => {
    expect(parseRedisUrl('rediss+cluster://calma:pw@n1:7000,n2:7001,n3')).toEqual({
      kind: 'cluster',
      nodes: [
        { host: 'n1', port: 7000 },
        { host: 'n2', port: 7001 },
        { host: 'n3', port: 6379 },
      ],
      tls: true,
      username: 'calma',
      password: 'pw',
    });
  });

  test.each([
    ['redis+sentinel://:hunter2@s1:26379,s2:26379', 'expected the primary name as the path'],
    ['redis+sentinel://:hunter2@/main', 'expected the sentinels as host:port pairs'],
    [
      'redis+sentinel://:hunter2@s1:26379,,s2/main',
      'expected the sentinels as host:port pairs separated by commas, and "" is not one',
    ],
    [
      'redis+sentinel://:hunter2@s1:99999/main',
      'expected the sentinels as host:port pairs separated by commas, and "s1:99999" is not one',
    ],
    [
      'redis+sentinel://:hunter2@s1/main?password=x',
      'unknown option "password" in the URL: expected db or sentinelPassword',
    ],
    ['redis+sentinel://:hunter2@s1/main?db=one', 'expected db= to be a database number'],
    ['redis+cluster://:hunter2@n1:7000/3', 'expected no path in a redis+cluster:// URL'],
    ['redis+cluster://:hunter2@n1:7000?db=1', 'unknown option "db" in the URL (it takes none)'],
    ['redis+cluster://:hunter2%zz@n1:7000', 'the password in the URL is not valid percent-encoding'],
    [
      'http://:hunter2@localhost',
      'expected a redis://, rediss://, redis+sentinel:// or redis+cluster:// URL',
    ],
  ])(
    'GIVEN REDIS_URL=%s WHEN calma starts THEN its configuration error says what is wrong, without the password',
    async (url, why) => {
      const error = await loadConfig({ REDIS_URL: url, CALMA_CONFIG: '/dev/null' }).then(
        () => null,
        (e: Error) => e,
      );
      expect(error?.message).toContain(`environment REDIS_URL: ${why}`);
      expect(error?.message).not.toContain('hunter2');
    },
  );

  describe('connections', () => {
    const made: RedisConnection[] = [];
    afterAll(() => {
      for (const connection of made) connection.disconnect();
    });
    const client = (url: string) => {
      const connection = redisClient(url, { lazyConnect: true, maxRetriesPerRequest: null });
      made.push(connection);
      return connection;
    };

    test('GIVEN a Sentinel URL WHEN a connection is made THEN ioredis asks those sentinels for that primary, and so does its duplicate', () => {
      const connection = client('redis+sentinel://:pw@s1:26379,s2:26380/main?db=1&sentinelPassword=sp');
      expect(connection).toBeInstanceOf(Redis);
      const duplicate = (connection as Redis).duplicate();
      made.push(duplicate);
      for (const options of [(connection as Redis).options, duplicate.options]) {
        expect(options).toMatchObject({
          sentinels: [
            { host: 's1', port: 26379 },
            { host: 's2', port: 26380 },
          ],
          name: 'main',
          db: 1,
          password: 'pw',
          sentinelPassword: 'sp',
          maxRetriesPerRequest: null,
        });
      }
    });

    test('GIVEN a Cluster URL WHEN a connection is made THEN it is an ioredis Cluster whose nodes get the options BullMQ checks', () => {
      const connection = client('redis+cluster://:pw@n1:7000,n2:7001');
      expect(connection).toBeInstanceOf(Cluster);
      expect((connection as Cluster).options.redisOptions).toMatchObject({
        password: 'pw',
        maxRetriesPerRequest: null,
      });
    });
  });

  test('GIVEN a Cluster URL THEN the key prefix is a hash tag; GIVEN any other THEN it stays as configured', () => {
    expect(redisKeyPrefix('calma', 'redis+cluster://n1:7000')).toBe('{calma}');
    expect(redisKeyPrefix('calma', 'redis+sentinel://s1/main')).toBe('calma');
    expect(redisKeyPrefix('calma', undefined)).toBe('calma');
  });
});
