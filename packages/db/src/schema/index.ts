// The whole schema, for drizzle's relational queries and the client's type. One file per aggregate beside this.
export * from './audit.ts';
export * from './clinical-event.ts';
export * from './episode.ts';
export * from './organisation.ts';
export * from './person.ts';
export * from './person-state.ts';
export * from './person-fact.ts';
export * from './risk-history.ts';
export * from './staff.ts';
export * from './identity.ts';
export * from './task.ts';
export * from './ost.ts';
export * from './self-assessment.ts';
export * from './booking.ts';
export * from './competency.ts';
export * from './protocol.ts';
