import type { Page, TestInfo } from '@playwright/test';
import { loadavg } from 'node:os';

/** One main-thread task of 50 ms or more, as the browser's Long Tasks API reports it. */
export interface LongTask {
  readonly start: number;
  readonly duration: number;
}

export interface LongTaskSummary {
  readonly count: number;
  readonly longest: number;
  /** The part of every long task beyond 50 ms, summed: how long input could have waited. */
  readonly totalBlocking: number;
}

declare global {
  interface Window {
    __atriumLongTasks?: LongTask[];
  }
}

/**
 * Records every long task of the page from its first script on (buffered, so tasks that ran before
 * the observer are kept too). Call before the page navigates.
 */
export async function recordLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const tasks: LongTask[] = [];
    window.__atriumLongTasks = tasks;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}

/** The page's clock now (performance.now()), to mark where a phase starts. */
export function pageClock(page: Page): Promise<number> {
  return page.evaluate(() => performance.now());
}

/**
 * The long tasks that started since `from`. It first lets the page go quiet for two frames and a
 * timer, because the browser reports a long task only after it ended, in a later task.
 */
export async function longTasksSince(page: Page, from: number): Promise<LongTask[]> {
  return page.evaluate(
    (since) =>
      new Promise<LongTask[]>((resolve) =>
        requestAnimationFrame(() =>
          requestAnimationFrame(() =>
            setTimeout(() => resolve((window.__atriumLongTasks ?? []).filter((task) => task.start >= since)), 100),
          ),
        ),
      ),
    from,
  );
}

export function summarize(tasks: readonly LongTask[]): LongTaskSummary {
  return {
    count: tasks.length,
    longest: Math.round(Math.max(0, ...tasks.map((task) => task.duration))),
    totalBlocking: Math.round(tasks.reduce((sum, task) => sum + Math.max(0, task.duration - 50), 0)),
  };
}

/**
 * Prints the figures and attaches them to the test as annotations, with the machine's load average
 * beside them. They are a report, not an assertion: durations depend on the machine and what else
 * runs on it (on two busy cores a task takes twice as long as on a quiet machine).
 */
export function reportLongTasks(
  testInfo: TestInfo,
  calendar: string,
  phases: Record<string, readonly LongTask[]>,
): void {
  const all = Object.values(phases).flat();
  const lines = [...Object.entries(phases), ['all', all] as const].map(([phase, tasks]) => {
    const { count, longest, totalBlocking } = summarize(tasks);
    return `${calendar} ${phase}: ${count} long tasks, longest ${longest} ms, total blocking ${totalBlocking} ms`;
  });
  lines.push(
    `${calendar}: load average ${loadavg()
      .map((load) => load.toFixed(2))
      .join(' ')} (1, 5, 15 min)`,
  );
  for (const line of lines) {
    testInfo.annotations.push({ type: 'long tasks', description: line });
    console.log(line);
  }
}
