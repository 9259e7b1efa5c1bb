// The floor our stack sits on: node:http + postgres.js running exactly the caseload SQL that the
// `caseload.list` procedure runs (rendered from the same builder), with no tRPC, no validation, no access
// check, no transaction and no audit row. Started by caseload.ts as its own process.
import { caseloadSql } from '@harbour/api/services/list-caseload';
import { londonDate } from '@harbour/domain/dates';
import { PgDialect } from 'drizzle-orm/pg-core';
import { createServer } from 'node:http';
import postgres from 'postgres';

const [url = '', organisationId = '', port = '0', sortArg = 'risk'] = process.argv.slice(2);
const sort = sortArg === 'name' ? 'name' : 'risk';
const client = postgres(url, { max: 10, onnotice: () => undefined });
const dialect = new PgDialect({ casing: 'snake_case' });

const server = createServer((req, res) => {
  const teamId = new URL(req.url ?? '/', 'http://x').searchParams.get('teamId') ?? '';
  const query = dialect.sqlToQuery(
    caseloadSql(
      organisationId,
      { teamId, page: 1, pageSize: 25, sort, direction: 'asc' },
      londonDate(new Date()),
    ),
  );
  client
    .unsafe(query.sql, query.params as never[])
    .then((rows) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ rows }));
    })
    .catch(() => {
      res.writeHead(500);
      res.end();
    });
});
server.listen(Number(port), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => void client.end().then(() => process.exit(0))));
