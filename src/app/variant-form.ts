import { NETWORK_IDS, type NetworkId, variantLimit } from '../core/networks';
import { networkName, type Translator } from '../i18n';
import type { FormField } from '../ports/chat';

/** A variant's answer comes back as this field. */
const VARIANT = 'variant:';

/**
 * One field per network calma.yaml asks for, as many as the form has room for (a Discord modal holds
 * five fields, and every platform asks the same ones): the rest are set with `/crisis variant`. Each
 * field's `maxLength` is the network's limit, so the platform counts as you type; platforms count
 * UTF-16 units, so a text of emoji or long links that fits the network may not fit the box, and the
 * hint says to use the command then (calma checks the network's own count either way).
 */
export function variantFields(
  /** calma.yaml's networks, as variants (`Deps.networks`). */
  networks: readonly NetworkId[] | undefined,
  t: Translator,
  room: number,
  current: Partial<Record<NetworkId, string>> = {},
): FormField[] {
  return (networks ?? []).slice(0, Math.max(room, 0)).map((network) => {
    const initial = current[network];
    return {
      id: VARIANT + network,
      label: t('variant.field', { network: networkName(t, network), max: variantLimit(network) }),
      type: network === 'email_subject' ? 'text' : 'longtext',
      maxLength: variantLimit(network),
      placeholder: t('variant.fieldHint'),
      ...(initial === undefined ? {} : { initial }),
      optional: true,
    };
  });
}

/** The variants a submitted form answered (an empty field: none for that network). */
export function variantsFrom(values: Record<string, string>): Partial<Record<NetworkId, string>> {
  return Object.fromEntries(
    NETWORK_IDS.flatMap((network) => {
      const value = values[VARIANT + network];
      return value === undefined ? [] : [[network, value]];
    }),
  );
}
