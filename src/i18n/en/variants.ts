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
      'Which statement, which network, and what text? `/crisis variant S1 x <text>` (networks: x, threads, bluesky, linkedin, instagram, facebook, subject, email, macro); `-` as the text removes that variant; `/crisis variant S1` alone gives your link to the web editor.',
    unknownNetwork:
      '“{{network}}” is not a network calma knows: x, threads, bluesky, linkedin, instagram, facebook, subject, email or macro.',
    none: 'Statement S{{n}} has no {{network}} variant to remove.',
    heading: 'Ready to copy, per network:',
    label: '{{network}} · {{length}}/{{max}}',
    field: '{{network}} (up to {{max}})',
    fieldHint: 'Leave empty for none. Too long for this box (emoji, long links)? /crisis variant',
  },
  variantLink: {
    yours:
      'Your link to write statement S{{n}}’s versions for every network, each counted as you type (only for you, until {{when}}): {{url}}',
    off: 'The web editor is off: calma needs `public_url` in calma.yaml and `CALMA_LINK_SECRET` set. Set each version here instead: `/crisis variant S{{n}} x <text>`.',
  },
  draftPage: {
    title: 'Versions of statement S{{n}} for each network',
    status: 'Statement S{{n}}: {{state}}.',
    pending: 'waiting for approval',
    rejected: 'sent back, to be edited',
    intro:
      'One version per network, each within that network’s limit, counted the way the network counts. Leave a field empty for no version.',
    voids: 'Saving a change is an edit: approvals given so far start over, as for a change to the text.',
    noNetworks: 'calma.yaml lists no networks (`networks:`): there is no version to write here.',
    count: '{{length}} of {{max}}',
    countOver: '{{length}} of {{max}}: {{over}} too many',
    howWeighted: 'As X counts: a link is 23, an emoji or a Chinese, Japanese or Korean character 2.',
    howGraphemes: 'As people see characters: an emoji or an accented letter is one.',
    save: 'Save the versions of S{{n}}',
    saved:
      'Saved: statement S{{n}} is now version {{version}} and waits for approval again. The incident channel was told.',
    unchanged: 'Nothing to save: the versions are as they were.',
    errorTitle: 'Error: {{title}}',
    refused: 'Nothing was saved. Fix what is marked below: what you typed is still here.',
    changed:
      'Statement S{{n}} changed since you opened this page (someone else, or another tab). Nothing was saved: what you typed is still here, with the version saved now under each field that differs. Save again to replace them.',
    savedNow: 'Saved now:',
    expires: 'This link is yours alone and works until {{when}}. `/crisis variant S{{n}}` gives a new one.',
    refusedTitle: 'This link cannot be used',
    next: 'To get a new link, type `/crisis variant S{{n}}` in the incident’s chat.',
    nextAny: 'To get a new link, type `/crisis variant S<n>` in the incident’s chat.',
    why: {
      expired: 'This editor link has expired.',
      tampered: 'This editor link is not valid: it may have been cut short or altered.',
      published:
        'Statement S{{n}} is published, and a published statement does not change. For a correction, draft a new statement.',
      closed: 'This incident is closed: its statements no longer change.',
      csrf: 'This form did not come from the editor page in this browser (or the page is too old). Nothing was saved.',
      tooLarge: 'The form was too large to read. Nothing was saved.',
      off: 'The web editor is turned off on this calma.',
      unavailable: 'calma cannot reach its chat platform right now. Try the same link again in a minute.',
    },
  },
};
