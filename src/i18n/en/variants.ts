/** Per-network variants of a statement: network names, limits refused, the variant command and forms. */
export const variants = {
  network: {
    x: 'X',
    threads: 'Threads',
    bluesky: 'Bluesky',
    linkedin: 'LinkedIn',
    instagram: 'Instagram',
    facebook: 'Facebook',
    email_subject: 'Email subject',
    email_body: 'Email body',
    support_macro: 'Support macro',
  },
  variant: {
    tooLong: 'The {{network}} variant is {{length}} characters; {{network}} allows {{max}}.',
    subjectTooLong:
      'The email subject is {{length}} characters; keep it to {{max}} so it reads whole on a phone.',
    overCalma:
      'The {{network}} variant is {{length}} characters; calma keeps a variant to {{max}}, like a statement.',
    usage:
      'Which statement, which network, and what text? `/crisis variant S1 x <text>` (networks: x, threads, bluesky, linkedin, instagram, facebook, subject, email, macro); `-` as the text removes that variant.',
    unknownNetwork:
      '“{{network}}” is not a network calma knows: x, threads, bluesky, linkedin, instagram, facebook, subject, email or macro.',
    none: 'Statement S{{n}} has no {{network}} variant to remove.',
    heading: 'Ready to copy, per network:',
    label: '{{network}} · {{length}}/{{max}}',
    field: '{{network}} (up to {{max}})',
    fieldHint: 'Leave empty for none. Too long for this box (emoji, long links)? /crisis variant',
  },
};
