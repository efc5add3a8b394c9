/**
 * Configuration from the environment, validated once at start. A wrong value stops the process
 * with a message naming the variable.
 */
import { z } from 'zod';

const timeZone = z.string().refine(
  (zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'must be an IANA time zone such as Europe/Kyiv' },
);

/** A comma-separated list of e-mail addresses (empty: none); each must be an address. */
const emailList = () =>
  z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.email('each address must be an e-mail address')));

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /**
   * A streaming replica of DATABASE_URL's server (issue 21, item 3; ADR 054): reports, exports,
   * public statistics and open data read there while it keeps up. Only with DATABASE_URL.
   */
  DATABASE_REPLICA_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** The replica's largest replay lag, in seconds, at which reads still go to it (default 30). */
  KONTAKT_REPLICA_MAX_LAG_SECONDS: z.coerce.number().min(0).max(86_400).default(30),
  KONTAKT_DATA_DIR: z.string().min(1).default('./data'),
  /** Where attachment bytes live: `disk` (data directory), `database` (ADR 033) or `s3` (ADR 043). */
  KONTAKT_FILE_STORE: z.enum(['disk', 'database', 's3']).optional(),
  /** S3-compatible object storage (KONTAKT_FILE_STORE=s3, ADR 043): endpoint URL (unset = AWS). */
  KONTAKT_S3_ENDPOINT: z
    .string()
    .url()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  KONTAKT_S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name (3-63 characters)')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  KONTAKT_S3_REGION: z.string().min(1).default('us-east-1'),
  KONTAKT_S3_ACCESS_KEY_ID: z.string().optional(),
  KONTAKT_S3_SECRET_ACCESS_KEY: z.string().optional(),
  /** Address buckets as `<endpoint>/<bucket>` (MinIO, Garage, Ceph) instead of `<bucket>.<host>`. */
  KONTAKT_S3_FORCE_PATH_STYLE: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  /** The city's time zone (not necessarily the machine's). */
  TZ: timeZone.default('Europe/Kyiv'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Largest attachment accepted, in bytes (default 10 MiB). */
  KONTAKT_MAX_FILE_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  /** Largest JSON body accepted, in bytes (default 1 MiB). */
  KONTAKT_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024),
  /** Session lifetime in hours (default 12: one shift). */
  KONTAKT_SESSION_HOURS: z.coerce.number().positive().default(12),
  /** Mark the session cookie Secure (set when served over HTTPS). */
  KONTAKT_SECURE_COOKIES: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  /** SMTP server for e-mail, e.g. smtp://user:pass@mail.example.org:587; unset = mail stays in the outbox. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  MAIL_FROM: z.string().default('Kontakt <kontakt@localhost>'),
  /** Public address of the web app, used in links inside e-mails. */
  KONTAKT_PUBLIC_URL: z.string().url().default('http://127.0.0.1:3000'),
  /** Issue 20: the telephone system's bearer token and HMAC shared secret for call events. */
  KONTAKT_PBX_TOKEN: z.string().min(16).optional(),
  KONTAKT_PBX_SECRET: z.string().min(16).optional(),
  /** Issue 20: an Asterisk to follow over AMI, `ami://user:secret@host:5038` (none by default). */
  KONTAKT_AMI_URL: z
    .string()
    .regex(/^ami:\/\/[^:@/]+:[^@/]+@[^/]+$/, 'must look like ami://user:secret@host:5038')
    .optional(),
  /**
   * Issue 20: mailboxes read as a channel, comma-separated IMAP URLs
   * (`imaps://user:password@imap.example.org:993/INBOX`; `imap://` for STARTTLS or plain text).
   */
  KONTAKT_MAILBOXES: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((u) => u.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z
          .string()
          .regex(
            /^imaps?:\/\/[^@/]+@[^/]+(\/.*)?$/,
            'must be imap(s)://user:password@host[:port][/folder]',
          ),
      ),
    ),
  /**
   * Issue 18: e-mail addresses that receive every monitoring alert (comma-separated), beside the
   * supervisors who chose e-mail for their notifications.
   */
  KONTAKT_ALERT_EMAILS: emailList(),
  /**
   * Issue 18, item 5: e-mail addresses that receive the morning digest (comma-separated), beside
   * the supervisors, who get it in the web app and by e-mail per their choice.
   */
  KONTAKT_DIGEST_EMAILS: emailList(),
  /** Issue 18, item 5: the hour of the city's day (0–23) from which yesterday's digest is made. */
  KONTAKT_DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(7),
  /**
   * Build the staff web app at start when `dist/web` is missing or older than its sources. `false`:
   * serve what is built, or the API alone when nothing is (several nodes started together from one
   * checkout must not all build into one folder; a release builds it once, `npm run build:web`).
   */
  KONTAKT_BUILD_WEB: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  /** Run the background jobs (deadline sweep, mail delivery) in this process. */
  KONTAKT_JOBS: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  /**
   * How often the live-monitoring jobs run, in seconds: spike detection, the morning digest's
   * check and the scheduled reports (ADRs 048, 051). Each is idempotent per minute, so a shorter
   * period only brings an alert sooner.
   */
  KONTAKT_MONITORING_EVERY_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
  /** Where the shared real data lives, imported by the demo when present. */
  KONTAKT_SHARED_DATA: z.string().default('../shared/data'),
  /**
   * Which shared data sets the demo imports (comma-separated): `kyiv1551` and `addresses` (the
   * Kharkiv address registry) by default. Another
   * city's requests (`publicstuff-csv`: New York) only on request, so they never fill a Ukrainian
   * city's registry (and its overdue figures) by surprise.
   */
  KONTAKT_DEMO_IMPORTS: z
    .string()
    .default('kyiv1551,addresses')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(['kyiv1551', 'publicstuff-csv', 'addresses']))),
  /**
   * Map tiles of the portal, a Leaflet URL template such as https://tile.example.org/{z}/{x}/{y}.png;
   * unset = maps without a background (points, the city's outline of appeals, and the address field).
   */
  KONTAKT_MAP_TILES: z
    .string()
    .regex(
      /^https?:\/\/.*\{z\}.*\{x\}.*\{y\}/,
      'must be an http(s) URL template with {z}, {x} and {y}',
    )
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Attribution the tile provider requires (HTML allowed by Leaflet is not: plain text). */
  KONTAKT_MAP_ATTRIBUTION: z.string().max(300).default(''),
  /**
   * Behind a reverse proxy: take the client's address from X-Forwarded-For (for the public limits
   * below). Leave false when the server faces the Internet itself.
   */
  KONTAKT_TRUST_PROXY: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  /** Portal submissions one client address may send per hour (0 = no limit). */
  KONTAKT_SUBMISSIONS_PER_HOUR: z.coerce.number().int().min(0).default(20),
  /** Tracking, feedback and photo requests one client address may send per minute (0 = no limit). */
  KONTAKT_TRACKING_PER_MINUTE: z.coerce.number().int().min(0).default(60),
  /** Where the portal's maps open: "latitude,longitude,zoom" (default Kyiv). */
  KONTAKT_MAP_VIEW: z
    .string()
    .regex(/^-?\d+(\.\d+)?,-?\d+(\.\d+)?,\d{1,2}$/, 'must be latitude,longitude,zoom')
    .default('50.4501,30.5234,11'),
  /** After SIGTERM/SIGINT: how long running requests and jobs may take before the process exits non-zero. */
  KONTAKT_SHUTDOWN_GRACE_SECONDS: z.coerce.number().positive().max(3600).default(20),
  /**
   * After SIGTERM/SIGINT: how long the process keeps serving with readiness false before it stops
   * accepting connections, so a load balancer notices first (0 = close at once).
   */
  KONTAKT_DRAIN_SECONDS: z.coerce.number().min(0).max(600).default(0),
  /** Bearer token for `/metrics`; unset = only loopback clients may scrape it. */
  KONTAKT_METRICS_TOKEN: z
    .string()
    .min(16, 'must be at least 16 characters')
    .optional()
    .or(z.literal('').transform(() => undefined)),
});

/** S3-compatible object storage (ADR 043). Keys unset = the SDK's default credential chain. */
export interface S3Settings {
  endpoint: string | undefined;
  bucket: string | undefined;
  region: string;
  accessKeyId: string | undefined;
  secretAccessKey: string | undefined;
  forcePathStyle: boolean;
}

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /**
   * The read replica (ADR 054): its URL and the replay lag, in seconds, beyond which reads go back
   * to the primary. Undefined when `DATABASE_REPLICA_URL` is not set.
   */
  replica: { url: string; maxLagSeconds: number } | undefined;
  dataDir: string;
  /** The attachment store: `database` by default with DATABASE_URL, else `disk` (ADR 033). */
  fileStore: 'disk' | 'database' | 's3';
  /** The object store for `fileStore: 's3'` (ADR 043); bucket undefined when not configured. */
  s3: S3Settings;
  timeZone: string;
  logLevel: string;
  maxFileBytes: number;
  maxBodyBytes: number;
  sessionHours: number;
  secureCookies: boolean;
  sharedDataDir: string;
  /** The shared data sets `serve --demo` imports (KONTAKT_DEMO_IMPORTS). */
  demoImports: readonly ('kyiv1551' | 'publicstuff-csv' | 'addresses')[];
  smtpUrl: string | undefined;
  mailFrom: string;
  publicUrl: string;
  runJobs: boolean;
  /** The period of the live-monitoring jobs (spikes, digest, scheduled reports), ms. */
  monitoringEveryMs: number;
  /** Build the web app at start when it is stale (`KONTAKT_BUILD_WEB`). */
  buildWeb: boolean;
  trustProxy: boolean;
  /** Per client address: portal submissions an hour, tracking requests a minute (0 = no limit). */
  publicLimits: { submissionsPerHour: number; trackingPerMinute: number };
  /** The portal's maps: tile URL template (or none), attribution, initial view. */
  map: { tiles: string | undefined; attribution: string; center: [number, number]; zoom: number };
  /** Shutdown: the grace for running work, and the drain delay with readiness false, in ms. */
  shutdown: { graceMs: number; drainMs: number };
  /** Bearer token for `/metrics` (undefined = loopback clients only). */
  metricsToken: string | undefined;
  /** Issue 20: how the telephone system authenticates its call events (either may be unset). */
  pbx: { token: string | undefined; secret: string | undefined };
  /** Issue 20: the Asterisk AMI URL, if any. */
  amiUrl?: string;
  /** Issue 20: IMAP URLs of the mailboxes read as a channel. */
  mailboxes: readonly string[];
  /** Issue 18: addresses e-mailed every monitoring alert (`KONTAKT_ALERT_EMAILS`). */
  alertEmails: readonly string[];
  /** Issue 18: the morning digest — its extra addresses and the city hour it is made from. */
  digest: { emails: readonly string[]; hour: number };
}

/**
 * Read and validate the configuration.
 *
 * @throws Error listing every invalid variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.KONTAKT_FILE_STORE === 's3' && !e.KONTAKT_S3_BUCKET) {
    throw new Error(
      'Invalid configuration:\n  KONTAKT_S3_BUCKET: required when KONTAKT_FILE_STORE=s3',
    );
  }
  if (e.DATABASE_REPLICA_URL && !e.DATABASE_URL) {
    throw new Error(
      'Invalid configuration:\n  DATABASE_REPLICA_URL: needs DATABASE_URL (the primary server); ' +
        'the embedded engine has no replica',
    );
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    replica: e.DATABASE_REPLICA_URL
      ? { url: e.DATABASE_REPLICA_URL, maxLagSeconds: e.KONTAKT_REPLICA_MAX_LAG_SECONDS }
      : undefined,
    dataDir: e.KONTAKT_DATA_DIR,
    fileStore: e.KONTAKT_FILE_STORE ?? (e.DATABASE_URL ? 'database' : 'disk'),
    s3: {
      endpoint: e.KONTAKT_S3_ENDPOINT,
      bucket: e.KONTAKT_S3_BUCKET,
      region: e.KONTAKT_S3_REGION,
      accessKeyId: e.KONTAKT_S3_ACCESS_KEY_ID || undefined,
      secretAccessKey: e.KONTAKT_S3_SECRET_ACCESS_KEY || undefined,
      forcePathStyle: e.KONTAKT_S3_FORCE_PATH_STYLE,
    },
    timeZone: e.TZ,
    logLevel: e.LOG_LEVEL,
    maxFileBytes: e.KONTAKT_MAX_FILE_BYTES,
    maxBodyBytes: e.KONTAKT_MAX_BODY_BYTES,
    sessionHours: e.KONTAKT_SESSION_HOURS,
    secureCookies: e.KONTAKT_SECURE_COOKIES,
    sharedDataDir: e.KONTAKT_SHARED_DATA,
    demoImports: e.KONTAKT_DEMO_IMPORTS,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    publicUrl: e.KONTAKT_PUBLIC_URL,
    runJobs: e.KONTAKT_JOBS,
    monitoringEveryMs: e.KONTAKT_MONITORING_EVERY_SECONDS * 1000,
    buildWeb: e.KONTAKT_BUILD_WEB,
    trustProxy: e.KONTAKT_TRUST_PROXY,
    publicLimits: {
      submissionsPerHour: e.KONTAKT_SUBMISSIONS_PER_HOUR,
      trackingPerMinute: e.KONTAKT_TRACKING_PER_MINUTE,
    },
    map: mapConfig(e.KONTAKT_MAP_TILES, e.KONTAKT_MAP_ATTRIBUTION, e.KONTAKT_MAP_VIEW),
    shutdown: {
      graceMs: e.KONTAKT_SHUTDOWN_GRACE_SECONDS * 1000,
      drainMs: e.KONTAKT_DRAIN_SECONDS * 1000,
    },
    metricsToken: e.KONTAKT_METRICS_TOKEN,
    pbx: { token: e.KONTAKT_PBX_TOKEN, secret: e.KONTAKT_PBX_SECRET },
    amiUrl: e.KONTAKT_AMI_URL,
    mailboxes: e.KONTAKT_MAILBOXES,
    alertEmails: e.KONTAKT_ALERT_EMAILS,
    digest: { emails: e.KONTAKT_DIGEST_EMAILS, hour: e.KONTAKT_DIGEST_HOUR },
  };
}

function mapConfig(tiles: string | undefined, attribution: string, view: string): Config['map'] {
  const [lat, lon, zoom] = view.split(',').map(Number) as [number, number, number];
  return { tiles, attribution, center: [lat, lon], zoom };
}
