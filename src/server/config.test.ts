import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('configuration from the environment', () => {
  it('has working defaults: the city is Kyiv, maps without tiles', () => {
    const config = loadConfig({});
    expect(config.timeZone).toBe('Europe/Kyiv');
    expect(config.port).toBe(3000);
    expect(config.map).toEqual({
      tiles: undefined,
      attribution: '',
      center: [50.4501, 30.5234],
      zoom: 11,
    });
  });

  it('imports Kyiv 1551 and the address registry into the demo unless another city is asked for', () => {
    expect(loadConfig({}).demoImports).toEqual(['kyiv1551', 'addresses']);
    expect(loadConfig({ KONTAKT_DEMO_IMPORTS: 'kyiv1551, publicstuff-csv' }).demoImports).toEqual([
      'kyiv1551',
      'publicstuff-csv',
    ]);
    expect(() => loadConfig({ KONTAKT_DEMO_IMPORTS: 'paris' })).toThrow(/KONTAKT_DEMO_IMPORTS/);
  });

  it('takes a tile server and a view for the portal maps', () => {
    const config = loadConfig({
      KONTAKT_MAP_TILES: 'https://tiles.example.org/{z}/{x}/{y}.png',
      KONTAKT_MAP_ATTRIBUTION: '© Example contributors',
      KONTAKT_MAP_VIEW: '49.8397,24.0297,12',
    });
    expect(config.map).toEqual({
      tiles: 'https://tiles.example.org/{z}/{x}/{y}.png',
      attribution: '© Example contributors',
      center: [49.8397, 24.0297],
      zoom: 12,
    });
  });

  it('looks for spikes every minute unless told otherwise', () => {
    expect(loadConfig({}).monitoringEveryMs).toBe(60_000);
    expect(loadConfig({ KONTAKT_MONITORING_EVERY_SECONDS: '5' }).monitoringEveryMs).toBe(5_000);
  });

  it('takes a read replica only beside DATABASE_URL, with a lag bound of 30 s by default', () => {
    expect(loadConfig({}).replica).toBeUndefined();
    const primary = 'postgres://kontakt@db1.example.org/kontakt';
    const replica = 'postgres://kontakt@db2.example.org/kontakt';
    expect(loadConfig({ DATABASE_URL: primary, DATABASE_REPLICA_URL: replica }).replica).toEqual({
      url: replica,
      maxLagSeconds: 30,
    });
    expect(
      loadConfig({
        DATABASE_URL: primary,
        DATABASE_REPLICA_URL: replica,
        KONTAKT_REPLICA_MAX_LAG_SECONDS: '5',
      }).replica?.maxLagSeconds,
    ).toBe(5);
    expect(() => loadConfig({ DATABASE_REPLICA_URL: replica })).toThrow(
      /DATABASE_REPLICA_URL: needs DATABASE_URL/,
    );
    expect(() =>
      loadConfig({ DATABASE_URL: primary, DATABASE_REPLICA_URL: 'replica.example.org' }),
    ).toThrow('DATABASE_REPLICA_URL');
  });

  it.each([
    ['KONTAKT_MAP_TILES', 'https://tiles.example.org/tile.png', 'KONTAKT_MAP_TILES'],
    ['KONTAKT_MAP_VIEW', 'Kyiv', 'KONTAKT_MAP_VIEW'],
    ['PORT', 'eighty', 'PORT'],
    ['DATABASE_URL', 'mysql://x', 'DATABASE_URL'],
    ['TZ', 'Mars/Olympus', 'TZ'],
    ['KONTAKT_MONITORING_EVERY_SECONDS', '1', 'KONTAKT_MONITORING_EVERY_SECONDS'],
  ])('refuses %s=%s and names the variable', (name, value, named) => {
    expect(() => loadConfig({ [name]: value })).toThrow(named);
  });
});
