import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { istDate } from '../calendar/dates.js';
import { runPenaltyJob } from '../billing/penalty-job.js';
import { runDueJobs as runExpenseJobs } from '../notifications/jobs.js';
import { runCollectionSummaries } from '../collections/jobs.js';

/**
 * Scheduled jobs on the desktop (SPEC §11.1, Part A.8). Each registered job runs at most once
 * per IST day: the scheduler checks at start and then every hour, and a job whose last run
 * (local table `job_runs`) is not today runs now — so a PC that was off catches up on start,
 * and a job never runs twice in a day. Jobs must still be idempotent themselves (two desktops,
 * a crash after the work but before the run was recorded).
 *
 * Registering a job is one line in `scheduledJobs`.
 */
export interface JobEnv {
  db: Kysely<DB>;
  now: Date;
  /** IST business date of `now`. */
  today: string;
  hlc: () => string;
  dataDir: string;
}

export interface ScheduledJob {
  /** Unique; the key in job_runs. */
  name: string;
  run(env: JobEnv): Promise<unknown>;
}

export const scheduledJobs: ScheduledJob[] = [
  { name: 'billing.latePenalty', run: (env) => runPenaltyJob(env) },
  { name: 'expenses.reminders', run: (env) => runExpenseJobs(env.db, env.now, env.dataDir, env.hlc) }, // 1st/15th reminders, orphan documents
  { name: 'collections.dailySummary', run: (env) => runCollectionSummaries(env.db, env.now, env.hlc) }, // "Rs. X collected today from N consumers"; yesterday's if missed
];

export interface SchedulerDeps {
  db: Kysely<DB>;
  now: () => Date;
  hlc: () => string;
  dataDir: string;
  log: (message: string, error?: unknown) => void;
  jobs?: ScheduledJob[];
  intervalMs?: number;
}

export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<string[]> | undefined;

  constructor(private readonly deps: SchedulerDeps) {}

  /** Run what is due now, then every hour. */
  start(): void {
    if (this.timer) return;
    void this.runDue();
    this.timer = setInterval(() => void this.runDue(), this.deps.intervalMs ?? 3_600_000);
    this.timer.unref?.();
  }

  /** Stop the timer and wait for a run in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /** Run every job not yet run today; returns the names that ran. Never two passes at once. */
  runDue(): Promise<string[]> {
    this.running ??= this.pass().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async pass(): Promise<string[]> {
    const now = this.deps.now();
    const today = istDate(now);
    const ran: string[] = [];
    for (const job of this.deps.jobs ?? scheduledJobs) {
      const last = await this.deps.db.selectFrom('job_runs').select('last_run_date').where('name', '=', job.name).executeTakeFirst();
      if (last && last.last_run_date >= today) continue;
      try {
        await job.run({ db: this.deps.db, now, today, hlc: this.deps.hlc, dataDir: this.deps.dataDir });
        await this.deps.db
          .insertInto('job_runs')
          .values({ name: job.name, last_run_date: today, last_run_at: now.toISOString() })
          .onConflict((oc) => oc.column('name').doUpdateSet({ last_run_date: today, last_run_at: now.toISOString() }))
          .execute();
        ran.push(job.name);
      } catch (e) {
        this.deps.log(`job ${job.name} failed; it will be retried within the hour`, e);
      }
    }
    return ran;
  }
}
