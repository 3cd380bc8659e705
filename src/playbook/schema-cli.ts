/**
 * `npm run playbooks:schema`: writes playbooks/schema.json and playbooks/scenarios/schema.json from the
 * zod schemas, so editors validate a playbook or a drill scenario as it is typed (each file starts with
 * `# yaml-language-server: $schema=./schema.json`). A test fails when a committed file differs from what
 * this would write.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { builtinPlaybooksDir, SCENARIOS_DIR } from './loader';
import { Scenario } from './scenario-schema';
import { Playbook } from './schema';

export const playbookSchemaFile = path.join(builtinPlaybooksDir, 'schema.json');
export const scenarioSchemaFile = path.join(builtinPlaybooksDir, SCENARIOS_DIR, 'schema.json');

/** The JSON Schema of a playbook file as people write it: defaulted keys are optional. */
export function playbookJsonSchema(): z.core.JSONSchema.BaseSchema {
  const { $schema, ...schema } = z.toJSONSchema(Playbook, { io: 'input' });
  return {
    $schema,
    $id: 'urn:calma:playbook',
    title: 'calma playbook',
    description:
      'A crisis-response playbook for calma: who does what, by when, in English, Spanish and French. Check with `npm run playbooks:check`.',
    ...schema,
  };
}

/** The JSON Schema of a drill scenario file. */
export function scenarioJsonSchema(): z.core.JSONSchema.BaseSchema {
  const { $schema, ...schema } = z.toJSONSchema(Scenario, { io: 'input' });
  return {
    $schema,
    $id: 'urn:calma:scenario',
    title: 'calma drill scenario',
    description:
      'A drill scenario for calma: the playbook to practise and the simulated messages from the outside world (injects) posted as the drill runs, in English, Spanish and French. Check with `npm run playbooks:check`.',
    ...schema,
  };
}

if (require.main === module) {
  const write = async (file: string, schema: z.core.JSONSchema.BaseSchema) => {
    await writeFile(file, `${JSON.stringify(schema, null, 2)}\n`);
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  };
  write(playbookSchemaFile, playbookJsonSchema())
    .then(() => write(scenarioSchemaFile, scenarioJsonSchema()))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
