import { describe, expect, it } from 'vitest';
import { calendarFile } from './calendar-file.ts';

describe('the calendar file', () => {
  it('holds one event at the booking’s times and place, with its id and version', () => {
    const text = calendarFile({
      id: '01900000-0000-7000-8000-000000000001',
      version: 2,
      title: 'Blood test for hepatitis C',
      startsAt: '2026-12-07T09:00:00.000Z',
      endsAt: '2026-12-07T09:20:00.000Z',
      clinicName: 'Blood tests',
      place: 'Harbour Clinic, Mill Road',
    });
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(text).toContain('UID:01900000-0000-7000-8000-000000000001@harbour');
    expect(text).toContain('SEQUENCE:2');
    expect(text).toContain('DTSTART:20261207T090000Z');
    expect(text).toContain('DTEND:20261207T092000Z');
    expect(text).toContain('SUMMARY:Blood test for hepatitis C');
    expect(text).toContain('LOCATION:Blood tests\\, Harbour Clinic\\, Mill Road');
  });
});
