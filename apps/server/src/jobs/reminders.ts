import type { DatabaseHandle } from '@harbour/db/client';
import {
  sendDueReminders,
  type ReminderMessage,
  type ReminderRunOutcome,
  type ReminderSender,
} from '@harbour/db/booking/reminders';
import type { PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import type { QueueDefinition } from './queue.ts';

/**
 * Booking reminders (issue 11, docs/booking.md): every 5 minutes, the due rows of the reminders outbox are sent
 * through the server's sender, and marked sent (or cancelled, when the booking has changed since). `stately`,
 * so never two runs at once; rows are also claimed with SKIP LOCKED, so two servers never send one twice.
 */
export const BOOKING_REMINDERS: QueueDefinition = {
  name: 'booking-reminders',
  policy: 'stately',
  expireInSeconds: 10 * 60,
  retryLimit: 3,
};

export const BOOKING_REMINDERS_CRON = '*/5 * * * *';

/**
 * The development sender: logs that a reminder would go, with identifiers and the time only (never a name, a
 * phone number or the check: security.md promise 12). A deployment plugs in its SMS or email gateway instead.
 */
export function loggingSender(logger: Logger): ReminderSender {
  return {
    send: (message: ReminderMessage) => {
      logger.info(
        { reminderId: message.reminderId, bookingId: message.bookingId, startsAt: message.startsAt },
        'booking reminder (logging sender: not sent anywhere)',
      );
      return Promise.resolve();
    },
  };
}

/** Registers the reminders' worker and schedule on a started pg-boss, and asks for a run now. */
export async function startBookingReminders(
  boss: PgBoss,
  handle: DatabaseHandle,
  logger: Logger,
  sender: ReminderSender = loggingSender(logger),
  now: () => Date = () => new Date(),
): Promise<void> {
  await boss.work<object, ReminderRunOutcome>(
    BOOKING_REMINDERS.name,
    { pollingIntervalSeconds: 5 },
    async () => {
      const result = await sendDueReminders(handle.db, sender, now());
      if (result.sent + result.cancelled + result.failed > 0) logger.info(result, 'booking reminders done');
      return result;
    },
  );
  await boss.schedule(BOOKING_REMINDERS.name, BOOKING_REMINDERS_CRON, {}, { tz: 'Europe/London' });
  await boss.send(BOOKING_REMINDERS.name, {});
}
