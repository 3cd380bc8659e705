import { NETWORK_IDS, variantLength, variantLimit } from '../../../src/core/networks';
import { fillPlaceholders, placeholders } from '../../../src/core/placeholders';
import { LOCALES } from '../../../src/core/types';
import { builtinPlaybooksDir, loadPlaybooks } from '../../../src/playbook/loader';

/** Answers as long as real ones get: a variant must still fit once filled, not only as a template. */
const SAMPLES: Record<string, string> = {
  account: '@acme_support_es',
  time: '09:30 UTC+1',
  next_update: '10:30 UTC+1',
  status_url: 'https://status.acme-example.com',
  service: 'Acme Payments app',
};
const sample = (name: string) => SAMPLES[name] ?? 'x'.repeat(20);

test('GIVEN every variant of every shipped template THEN, filled with answers of realistic length, it fits its network in every language', async () => {
  const { playbooks, problems } = await loadPlaybooks([builtinPlaybooksDir], { strict: true });
  expect(problems).toEqual([]);
  const checked: string[] = [];
  const over: string[] = [];
  for (const playbook of playbooks) {
    for (const step of playbook.steps) {
      for (const network of NETWORK_IDS) {
        const variant = step.variants?.[network];
        if (!variant) continue;
        for (const locale of LOCALES) {
          const text = variant[locale];
          const filled = fillPlaceholders(
            text,
            Object.fromEntries(placeholders(text).map((n) => [n, sample(n)])),
          );
          const length = variantLength(network, filled);
          checked.push(`${playbook.id} ${network} ${locale}`);
          if (length > variantLimit(network)) over.push(`${playbook.id} ${network} ${locale}: ${length}`);
        }
      }
    }
  }
  expect(over).toEqual([]);
  // The shipped holding statements that carry short variants: hacked account and service outage.
  expect(checked).toEqual(
    expect.arrayContaining(['hacked-account x es', 'hacked-account bluesky fr', 'service-outage x fr']),
  );
});
