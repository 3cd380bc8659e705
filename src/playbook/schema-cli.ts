/**
 * `npm run playbooks:schema`: writes playbooks/schema.json from the zod schema, so editors validate a
 * playbook as it is typed (each file starts with `# yaml-language-server: $schema=./schema.json`).
 * A test fails when the committed file differs from what this would write.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { builtinPlaybooksDir } from './loader';
import { Playbook } from './schema';

export const playbookSchemaFile = path.join(builtinPlaybooksDir, 'schema.json');

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

if (require.main === module) {
  writeFile(playbookSchemaFile, `${JSON.stringify(playbookJsonSchema(), null, 2)}\n`).then(
    () => console.log(`wrote ${path.relative(process.cwd(), playbookSchemaFile)}`),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
