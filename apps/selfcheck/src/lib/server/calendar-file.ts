import ical from 'ical-generator';

export interface CalendarBooking {
  id: string;
  /** The booking's version: a calendar that imports the file again updates the event instead of adding one. */
  version: number;
  title: string;
  startsAt: string;
  endsAt: string;
  clinicName: string;
  place: string;
}

/**
 * A booking as an iCalendar file (RFC 5545) to add to a phone's calendar, made with ical-generator. Times are
 * UTC instants, so the phone shows them in its own time; the event's id is the booking's, so moving it and
 * downloading again replaces the old event. Nothing about the person's health beyond the check's plain title.
 */
export function calendarFile(booking: CalendarBooking): string {
  const calendar = ical({
    name: 'Harbour health check',
    prodId: { company: 'Harbour', product: 'self-check' },
  });
  calendar.createEvent({
    id: `${booking.id}@harbour`,
    sequence: booking.version,
    start: new Date(booking.startsAt),
    end: new Date(booking.endsAt),
    summary: booking.title,
    location: `${booking.clinicName}, ${booking.place}`,
    description: 'Your health check. To change or cancel it, sign in to Harbour self-check.',
  });
  return calendar.toString();
}
