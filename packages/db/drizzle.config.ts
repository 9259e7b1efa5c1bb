import { defineConfig } from 'drizzle-kit';

// Migrations are only ever produced by `pnpm db:generate` from the schema, and committed.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema/*.ts',
  out: './drizzle',
  casing: 'snake_case',
});
