import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { builtinPlaybooksDir } from '../../../src/playbook/loader';
import { playbookJsonSchema, playbookSchemaFile } from '../../../src/playbook/schema-cli';

describe('playbooks/schema.json', () => {
  it('GIVEN the zod playbook schema WHEN generated THEN the committed file matches it (else run `npm run playbooks:schema`)', async () => {
    const committed: unknown = JSON.parse(await readFile(playbookSchemaFile, 'utf8'));

    expect(committed).toEqual(playbookJsonSchema());
  });

  it('GIVEN the generated schema THEN defaulted keys are optional for people writing a playbook', () => {
    const schema = playbookJsonSchema();

    expect(schema.required).toEqual(['id', 'title', 'description', 'severity', 'posture', 'roles', 'steps']);
    expect(schema.$id).toBeDefined();
    expect(schema.title).toBe('calma playbook');
  });

  it('GIVEN every shipped playbook THEN its first line points editors at schema.json', async () => {
    const names = (await readdir(builtinPlaybooksDir)).filter((name) => /\.ya?ml$/.test(name));

    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      const firstLine = (await readFile(path.join(builtinPlaybooksDir, name), 'utf8')).split('\n')[0];
      expect({ name, firstLine }).toEqual({
        name,
        firstLine: '# yaml-language-server: $schema=./schema.json',
      });
    }
  });
});
