/**
 * The statement checklist of docs/crisis-craft.md ("Statement checklist", from Buffer's October 2013 hack email):
 * which good-practice items a public statement covers, which it misses, and which risky phrases it
 * contains. Pure: no I/O, no clock. Missing items are hints for the author and the approver, never a
 * block, so the cues aim at the usual phrasings rather than at completeness.
 *
 * How a text is matched:
 * - The text is folded once: NFKD (NFD plus compatibility forms such as ligatures and full-width
 *   letters), combining marks stripped, a few letters NFKD keeps whole (ß, æ, œ, ø, ł, ı…) spelled out,
 *   typographic apostrophes (’ ‘ ʼ ´) turned into `'`, runs of spaces and tabs (NBSP included) into
 *   one space, and CR / line separators into `\n`. Cues do not span a line break. Case is kept,
 *   and cues carry the `i` flag, so matching is accent- and case-insensitive; only the named-victim
 *   titles ("Mr. Smith") look at case, on purpose.
 * - Cues are written below with their accents ("próxima actualización"): their sources are folded the
 *   same way when the module loads. In a cue, `…` stands for "a few more words of the same sentence"
 *   (up to 50 characters without a line break, or ! ? or a . that ends a sentence; the dots of
 *   "status.example.com" or "11.30" do not).
 * - The cues of the statement's locale AND the English cues are both checked: statements often mix
 *   languages (English product words, quoted tweets, a bilingual signature), and an English cue
 *   firing on a Spanish or French text is a true hit, not a false one. Technical jargon is English in
 *   every language, so it only lives in the English table.
 * - Every pattern is linear or bounded: no nested quantifiers over the same characters, gaps are
 *   bounded, and tokens start after a `\b` or a look-behind, so a 4,000-character text checks in well
 *   under a millisecond or two.
 * - A reassurance ("your passwords are safe", "nothing was hacked") is a warning only on a topic the
 *   incident has no recorded fact on (src/core/facts.ts): the caller gives the topics it has, and a text
 *   checked without them (the corpus) is not read for reassurances. The same topic words tell what a
 *   recorded fact is about (`factTopics`).
 */
import { type ChecklistContext, expectedItems } from './checklist-expectations';
import {
  CHECKLIST_ITEMS,
  CHECKLIST_WARNINGS,
  type ChecklistItem,
  type ChecklistResult,
  type ChecklistWarning,
  type ChecklistWarningHit,
  FACT_TOPICS,
  type FactTopic,
  type Locale,
} from './types';

/** The longest excerpt a warning carries. */
export const MAX_EXCERPT = 60;

interface LocaleCues {
  /**
   * An item is covered when one of its cues matches (any table that applies). Two items need a
   * companion cue as well: `what-happened` a `time` cue, `questions` an `answer` cue. `signature`
   * cues only look at the closing (the last three non-empty lines).
   */
  items: Record<ChecklistItem, readonly RegExp[]>;
  /** Times and dates ("an hour ago", "at 12:00", "ce matin"): `what-happened` needs one. */
  time: readonly RegExp[];
  /** A promise to answer ("we will respond to every email"): `questions` needs one. */
  answer: readonly RegExp[];
  /**
   * Every match is reported, with its excerpt. `unbacked-reassurance` has no cue of its own: it reports
   * the `reassurances` whose topic has no recorded fact.
   */
  warnings: Record<ChecklistWarning, readonly RegExp[]>;
  /** What a recorded fact is about (`/crisis fact …`): the words that name each topic. */
  topics: Record<FactTopic, readonly RegExp[]>;
  /** A reassurance on a topic ("your passwords are safe", "nothing was hacked"): backed by a fact of it, or warned. */
  reassurances: Record<FactTopic, readonly RegExp[]>;
}

/**
 * The words of a topic, and how a sentence reassures about them. A reassurance is the topic's words then
 * a safe word ("your card details are not affected"), or a "no" before them ("no customer data was
 * exposed"); not advice or a condition ("keep your password safe", "until the account is safe again"), with
 * the guard word before the topic or between it and the safe word.
 */
interface ReassuranceWords {
  topics: Record<FactTopic, string>;
  /** What names the access topic in a fact ("hacked", "accessed"): "our servers" alone is not about access. */
  access: string;
  /** Words that make what follows advice or a condition, up to 40 characters before the topic's words. */
  guard: string;
  /** After the topic's words: "are safe", "were not exposed". */
  safe: string;
  /** Before the topic's words: "no", "none of your". */
  none: string;
  /** After "no … <topic words>": "was exposed". */
  touched: string;
  /** Whole sentences that deny an intrusion: "nothing was hacked". */
  nothingHacked: string;
}

function reassuranceCues(words: ReassuranceWords): Pick<LocaleCues, 'topics' | 'reassurances'> {
  const topics = {} as Record<FactTopic, RegExp[]>;
  const reassurances = {} as Record<FactTopic, RegExp[]>;
  for (const topic of FACT_TOPICS) {
    const named = words.topics[topic];
    topics[topic] = [new RegExp(`\\b(?:${topic === 'access' ? words.access : named})\\b`, 'i')];
    // A guard word between the topic and the safe word makes it a condition too ("your accounts, until
    // we say it is safe"; "our job to keep them safe").
    const unguarded = `(?:(?!\\b(?:${words.guard})\\b)(?:[^.!?\\n]|\\.(?=\\S))){0,50}?`;
    reassurances[topic] = [
      new RegExp(
        `(?<!\\b(?:${words.guard})\\b[^.!?\\n]{0,40})\\b(?:${named})\\b${unguarded}${words.safe}`,
        'i',
      ),
      new RegExp(`\\b(?:${words.none})\\b…\\b(?:${named})\\b…${words.touched}`, 'i'),
      ...(topic === 'access' ? [new RegExp(words.nothingHacked, 'i')] : []),
    ];
  }
  return { topics, reassurances };
}

/** Items whose cue must be backed by a companion cue somewhere in the text. */
const COMPANION: Partial<Record<ChecklistItem, 'time' | 'answer'>> = {
  'what-happened': 'time',
  questions: 'answer',
};

/** How many non-empty lines at the end of a statement are searched for a signature. */
const CLOSING_LINES = 3;

const EN_REASSURANCE: ReassuranceWords = {
  topics: {
    // Not "payment data" or "card data": those are the payment topic.
    data: '(?:personal|customer|user|account|your) (?:data|information|details)|(?<!(?:payment|card|billing|financial|bank) )data|email addresses|phone numbers',
    payment:
      'payments?|payment (?:details|information|data|methods?)|(?:credit |debit |bank )?cards?|card (?:numbers?|details)|bank (?:details|accounts?)|billing|financial (?:data|information|details)',
    passwords: 'passwords?|credentials|login details|passcodes?',
    access: 'accounts?|systems?|servers?|network',
  },
  access: String.raw`hack\w*|breach\w*|intrusions?|access\w*|compromised|log-?ins?`,
  guard: 'keep|keeping|until|once|when|if|whether|make|makes|making|ensure|sure|check|checking|to',
  safe: String.raw`(?:\b(?:safe|secure|unaffected|untouched|intact)\b|(?:\bnot|\bnever|n't)(?: been)? (?:affected|impacted|exposed|accessed|compromised|involved|at risk|stolen|leaked|breached|hacked|touched|viewed)\b)`,
  none: "no|none of (?:your|our|the)|nobody's|no one's",
  touched: String.raw`\b(?:affected|impacted|exposed|accessed|compromised|involved|at risk|stolen|leaked|breached|hacked|taken|viewed)\b`,
  nothingHacked: String.raw`\bnothing (?:was|has been|got|had been) (?:hacked|breached|accessed|compromised|stolen)\b|\b(?:there (?:was|has been|is) )?no (?:hack|hacking|breach|intrusion|unauthori[sz]ed access)\b`,
};

const ES_REASSURANCE: ReassuranceWords = {
  topics: {
    data: 'datos? personales?|datos?(?! (?:de pago|bancarios|de (?:la )?tarjeta))|información personal|correos electrónicos|direcciones',
    payment: 'pagos?|de pago|bancari[oa]s|tarjetas?|facturación',
    passwords: 'contraseñas?|credenciales|claves',
    access: 'cuentas?|sistemas?|servidores',
  },
  access: String.raw`hacke\w*|jaque\w*|pirate\w*|brecha|intrusión|acce(?:so|dido|dieron|dió)\w*`,
  guard:
    'hasta que|cuando|si|para que|mantén|mantenga|mantener|asegúrate de que|asegúrese de que|comprobar si|comprobando si|comprobamos si',
  safe: String.raw`(?:\b(?:a salvo|segur[oa]s?|intact[oa]s?)\b|\bno (?:se )?(?:ha|han|está|están|es|son|fue|fueron|ve|ven|vio|vieron)(?: (?:quedado|sido|visto|resultado))? (?:afectad|expuest|comprometid|filtrad|robad|accedid|vulnerad|hackead|tocad)\w*|\bno (?:corre|corren|está|están) (?:ningún )?(?:riesgo|peligro|en riesgo|en peligro)\b)`,
  none: 'ningún|ninguna|ninguno de|ninguna de|nadie',
  touched: String.raw`\b(?:afectad|expuest|comprometid|filtrad|robad|accedid|vulnerad|hackead)\w*`,
  nothingHacked: String.raw`\bno (?:ha habido|hubo|se ha producido|existe) (?:ningún |ninguna )?(?:hackeo|brecha|intrusión|acceso no autorizado)\b|\bnada (?:ha sido|fue) (?:hackead|vulnerad|robad)\w*|\bno (?:nos )?(?:han|ha) (?:hackeado|robado) nada\b`,
};

const FR_REASSURANCE: ReassuranceWords = {
  topics: {
    data: 'données? personnelles?|données?(?! (?:de paiement|bancaires|de carte))|informations? personnelles?|adresses',
    payment: 'paiements?|de paiement|bancaires?|cartes?|facturation',
    passwords: 'mots? de passe|identifiants',
    access: 'comptes?|systèmes?|serveurs',
  },
  access: String.raw`pirat\w*|hack\w*|intrusion|accès|accéd\w*`,
  guard:
    "jusqu'à ce que|quand|lorsque|si|tant que|pour que|gardez|garder|vérifier si|vérifions si|assurez-vous que",
  safe: String.raw`(?:\b(?:en sécurité|intact\w*|hors de danger)\b|(?:\bne |\bn')(?:sont|est|ont|a|reste|restent|seront|sera)(?: donc| toujours| absolument)?(?: (?:pas|jamais|aucunement))(?: été)? (?:affecté|touché|concerné|exposé|compromis|divulgué|volé|consulté|menacé|piraté|en danger|en cause)\w*)`,
  none: 'aucun|aucune',
  touched: String.raw`\b(?:affecté|touché|concerné|exposé|compromis|divulgué|volé|consulté|piraté)\w*`,
  nothingHacked: String.raw`\b(?:il n'y a eu )?aucun (?:piratage|intrusion|accès non autorisé)\b|\brien n'a été (?:piraté|volé|compromis)\b|\bnous n'avons pas été piratés\b`,
};

// ---------------------------------------------------------------------------------------------------
// Cue tables. Read `…` as "a few words of the same sentence". A name in a signature is 1–3 words.
// ---------------------------------------------------------------------------------------------------

const en: LocaleCues = {
  items: {
    apology: [/\b(?:sorry|apologi\w*|apology|regret\w*)\b/i],
    empathy: [
      // "Sorry for the worry this causes": sorry for a feeling, not for "the inconvenience".
      /\b(?:sorry|apologi[sz]e|regret)\b…\b(?:worry|worries|worried|worrying|anxiety|distress|stress|frustration|upset|alarm|fear|anger|confusion|disappointment|hurt|offended)\b/i,
      /\b(?:understand|know|realise|realize|imagine|appreciate|recogni[sz]e|must be|must feel|feel|every (?:reason|right)|understandably|rightly)\b…\b(?:angry|anger|frustrat\w*|upset\w*|disappoint\w*|worr\w*|anxi\w*|stress\w*|annoy\w*|concern\w*|distress\w*|scar\w*|confus\w*|inconvenien\w*|disruptive)/i,
    ],
    'what-happened': [
      // A template's field for what happened, to fill with the verified facts.
      /\{(?:what_happened|what_we_know|timeline)\}/i,
      /\b(?:hack\w*|breach\w*|compromis\w*|outages?|incidents?|attack\w*|leak\w*|unauthori[sz]ed|intrusions?|phishing|malware|ransomware|spam\w*|exploit\w*|vulnerabilit\w*|disrupt\w*|downtime|went down|is down|was down|were down|crash\w*|bugs?|glitch\w*|failures?|errors?|problems?|issues?|degraded|unavailable|inaccessible|went wrong|mistakes?|accidentally|exposed|deleted|rumou?rs?|hoax\w*|fake|false (?:claims?|posts?|reports?|stor(?:y|ies)|information)|misinformation|disinformation|scam\w*|impersonat\w*|offensive|inappropriate|insensitive|hurtful|unacceptable)\b/i,
    ],
    'who-affected': [
      // A template's field for who is affected ("Who is affected: {affected}").
      /\{(?:[a-z]+_)?affected\}/i,
      /\b(?:many|some|most|a few|several|a (?:small )?(?:number|subset|fraction|percentage)|\d+ ?%) of (?:you|our (?:users|customers|clients|members|subscribers|accounts))\b/i,
      /\b(?:users|customers|clients|accounts|members|subscribers|people|anyone|everyone|those)\b…\b(?:affected|impacted|unaffected)\b/i,
      /\b(?:affected|impacted|unaffected) (?:users|customers|clients|accounts|members|subscribers)\b/i,
      /\b(?:some|many|most|a few|several|certain) (?:users|customers|clients|accounts|members|subscribers)\b/i,
      /\b(?:if you|those of you who|anyone who|users who|customers who|accounts that)\b…\b(?:affected|impacted|received|saw|noticed|experienced)\b/i,
    ],
    actions: [
      // "All posting is still paused", "the account has been secured": an action said without a subject.
      /\b(?:is|are|has been|have been|remains?|stays?) (?:still |now |temporarily |already )?(?:paused|suspended|blocked|disabled|locked|frozen|halted|on hold|rolled back|secured|restored|revoked|patched|contained|fixed|corrected|deleted|removed|taken down)\b/i,
      /\b(?:we|we've|we're|we'll|our (?:team|engineers|staff|security team)|the team)\b…\b(?:working|investigat\w*|looking into|fix|fixing|fixed|paus\w*|restor\w*|roll(?:ed|ing) back|block\w*|disabl\w*|reset|revok\w*|contain\w*|patch\w*|deploy\w*|secur(?:ed|ing)|remov\w*|suspend\w*|shut down|monitor\w*|contacted|notif\w*|engag\w*|rotat\w*|stopp\w*|halt\w*|reported|alerted)\b/i,
    ],
    'user-actions': [
      /\b(?:please|we recommend|we advise|we suggest|we urge you|we ask (?:you|that you)|you should|you may want to|you need to|you must|make sure|be sure to|as a precaution)\b…\b(?:remove|delete|change|reset|update|check|review|revoke|log ?out|sign ?out|enable|disable|avoid|ignore|do not(?! hesitate)|don't(?! hesitate)|reconnect|re-?authori[sz]e|reinstall|upgrade|be (?:careful|cautious|wary)|watch out|report|forward)\b/i,
      /(?:^|[.!?:\n])[ \t]*(?:remove|delete|change|reset|check|review|revoke|enable|avoid|ignore|log out of|sign out of|reconnect|reinstall|update your|do not(?! hesitate)|don't(?! hesitate))\b/i,
    ],
    data: [
      // A template's field for what the team has checked about data, passwords or payments ("{passwords}").
      /\{(?:[a-z]+_)*(?:data|passwords|payment)(?:_[a-z]+)*\}/i,
      /\b(?:passwords?|credit cards?|card (?:numbers?|details)|billing|payments?|personal (?:data|information|details)|data|email addresses|phone numbers|credentials|tokens?|financial (?:data|information|details)|(?:customer|user|account) (?:data|information|details)|messages)\b…\b(?:affected|impacted|exposed|accessed|compromised|leaked|stolen|safe|secure|unaffected|untouched|encrypted|at risk|viewed|downloaded)\b/i,
    ],
    'where-updates': [
      /\b(?:updates?|updating|posting|post|news|follow(?: us)?|details)\b…\b(?:twitter|x\.com|facebook|blog|status ?page|status\.[a-z]|website|linkedin|mastodon|bluesky|instagram|https?:\/\/|www\.|forum|community)/i,
      /\bstatus ?page\b/i,
      /\bstatus\.[a-z0-9-]+\.[a-z]{2,}/i,
    ],
    questions: [
      // "Questions? Reply to this post": the question mark may end the cue's head.
      /\b(?:questions?|concerns?|queries)\b\??…\b(?:reply|respond|write|email|e-mail|contact|reach|get in touch|let us know|send|call|message)\b/i,
      /\b(?:reply to this (?:email|e-mail|message|post|thread|tweet|comment)|email us|write to us|contact (?:us|our support))\b/i,
      // "write to {contact}", "email support@example.com": a way to ask on its own.
      /\b(?:write to|email|e-mail) (?:\{(?:[a-z]+_)?contact\}|[a-z0-9._%+-]+@[a-z0-9-]+\.[a-z])/i,
    ],
    signature: [
      // "— Joel" or "-- Joel Gascoigne" as the last line, or after the last sentence on its line ("Thank
      // you. — Ana, Head of Community"); a single hyphen takes at most two words, as longer lines after a
      // hyphen are more often the last bullet of a list.
      /(?:^|\n|[.!?)])[ \t]*(?:—|–|--|~)[ \t]*[a-z][a-z'.-]*(?:[ \t]+[a-z][a-z'.-]*){0,2}[ \t]*(?:,[^\n]{0,60})?$/i,
      /(?:^|\n)[ \t]*-[ \t]*[a-z][a-z'.-]*(?:[ \t]+[a-z][a-z'.-]*)?[ \t]*$/i,
      // "Joel, CEO of Buffer", "Joel Gascoigne\nCEO", "Jane Doe — Head of Support", "Jane (CTO)"; in a
      // template the name and the role may be placeholders: "{name}, {role}".
      /(?:^|\n)[ \t]*(?:(?:—|–|--|-|~)[ \t]*)?(?:[a-z][a-z'.-]*(?:[ \t]+[a-z][a-z'.-]*){0,2}|\{(?:name|full_name|first_name|spokesperson|signature|signer|author)\})[ \t]*(?:,|—|–|-|\(|\n)[ \t]*(?:the[ \t]+)?(?:(?:ceo|cto|coo|cfo|ciso|cso|cpo|co-?founder|founder|president|vice president|vp|chief [a-z]+ officer|head of|director|manager|lead|spokesperson|owner|editor)\b|\{(?:[a-z]+_)?(?:role|title|position)\})/i,
      // A template signs with a placeholder for a person: "{name}, for the support team", "{spokesperson}
      // (communications team)", or "{signature}" alone on the last line.
      /(?:^|\n)[ \t]*(?:(?:—|–|--|-|~)[ \t]*)?\{(?:name|full_name|first_name|spokesperson|signature|signer|author)\}[ \t]*(?:,|—|–|-|\(|\n)[^\n]{0,60}?\bteam\b/i,
      /(?:^|\n)[ \t]*(?:(?:—|–|--|-|~)[ \t]*)?\{(?:name|full_name|first_name|spokesperson|signature|signer|author)\}[ \t]*[.!]?[ \t]*$/i,
      // "The Buffer team" ending its line.
      /\bthe(?:[ \t]+[a-z0-9][\w&'.-]*){1,3}[ \t]+team[.!]?[ \t]*$/im,
      // "Thanks,\nJoel" / "Best regards, Joel" ending the text.
      /\b(?:thanks|thank you|best|regards|best regards|kind regards|warm regards|sincerely|cheers|yours|all the best)[ \t]*(?:,[ \t]*\n?|\n)[ \t]*[a-z][a-z'.-]*(?:[ \t]+[a-z][a-z'.-]*){0,2}[ \t]*[.!]?[ \t]*$/i,
    ],
    'next-update': [
      /\bnext update\b/i,
      /\b(?:another|a further|a new|our next) update\b…\b(?:at|in|by|within|before|around|no later than|tomorrow|tonight|this (?:afternoon|evening))\b/i,
      /\bupdate (?:you|this (?:page|post|thread|statement|status))\b…\b(?:at|in|by|within|before|around)[ \t]+(?:\d|an?\b|one\b|the next\b|half an\b|thirty\b|fifteen\b|tomorrow\b|the hour\b)/i,
      /\bupdates? every (?:\d+|ten|fifteen|twenty|thirty|few) (?:min\w*|hours?)\b/i,
    ],
  },
  time: [
    /\b\d{1,2}:\d{2}\b/,
    /\b\d{1,2} ?(?:am|pm|a\.m\.|p\.m\.)/i,
    /\b\d{1,2}(?::\d{2})? ?(?:utc|gmt|cet|cest|pt|pst|pdt|et|est|edt|bst)\b/i,
    /\b(?:an?|one|two|three|four|five|ten|fifteen|twenty|thirty|forty|few|several|couple of|\d+) (?:minutes?|mins?|hours?|hrs?|days?|weeks?) ago\b/i,
    /\b(?:this|yesterday|last|tomorrow) (?:morning|afternoon|evening|night)\b/i,
    /\b(?:today|yesterday|tonight|overnight|earlier today|this weekend|last weekend|over the weekend)\b/i,
    /\b(?:since|from|until|at|around|before|after) (?:midnight|noon)\b/i,
    /\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b/i,
    /\b(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.? \d{1,2}\b/i,
    /\b\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:january|february|march|april|may|june|july|august|september|october|november|december)\b/i,
    /\b\d{4}-\d{2}-\d{2}\b/,
    /\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/,
    // A template's placeholder for a time or a date: "at {time}", "on {date}", "since {start_time}".
    /\{(?:[a-z]+_)?(?:time|date|hour|datetime)\}/i,
  ],
  answer: [
    /\b(?:we will|we'll|we are going to|we're going to|we will try to|i will|i'll)\b…\b(?:respond|reply|answer|get back to)\b/i,
    /\b(?:respond|reply|answer)\w* (?:to )?(?:every|each|all)\b/i,
  ],
  warnings: {
    eta: [
      /\b(?:back|fixed|resolved|restored|working(?: again)?|running|online|operational|normal)(?: to normal| online| up| again| and running)?(?: for (?:you|everyone|all users))? (?:very |really |pretty )?(?:shortly|soon|in no time|within the hour|within (?:an?|the next|\d+|a few) (?:minutes?|hours?)|in (?:a few|the next|\d+|an?) (?:minutes?|hours?)|by (?:tonight|tomorrow|end of day|the end of the day))\b/i,
      /\bexpect(?:ed|s)? (?:to be |a |the )?(?:fix|resolution|restor|resolv|back)\w*…\b(?:by|within|in|before) (?:\d|an?\b|the next\b|a few\b|tonight\b|tomorrow\b)/i,
      /\beta\b/i,
    ],
    blame: [
      // Not "your provider", nor the third-party apps users are told to disconnect ("disconnect any
      // third-party app"): those are advice, not blame.
      /\b(?<!\b(?:your|my|his|her|their) (?:[a-z]+ )?)(?:third[- ]part(?:y|ies)(?!(?<=\b(?:disconnect|remove|revoke|uninstall|delete|review|check|disable|unlink)(?: [a-z]+){0,3} third[- ]part(?:y|ies)) (?:apps?|applications?|tools?|integrations?|extensions?|plugins?|add-ons?)\b)|vendors?|partners?|providers?|suppliers?|contractors?|subcontractors?)\b/i,
      /\b(?:not our fault|no fault of (?:ours|our own)|beyond our control|outside (?:of )?our control)\b/i,
    ],
    'security-cliche': [
      /\bwe take\b…\b(?:security|privacy|data protection|safety)\b…\bseriously\b/i,
      /\b(?:security|privacy|safety) (?:is|are|remains) (?:our|a) (?:top|number one|highest|first|#1)\b/i,
    ],
    jargon: [
      // Dotted quads only: "IPv4" or a time like "12:00" is not jargon.
      /(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}\b(?!\.\d)/,
      /(?<![\w.-])[a-z0-9][\w-]*(?:\.[\w-]+)?\.(?:internal|local|lan|corp|intra|intranet|svc|priv)\b/i,
      /\b(?:db|web|api|app|srv|server|node|host|worker|redis|pg|mysql|mongo|lb|proxy|cache|queue|kafka|vm)[-_]\d{1,3}[a-z]?\b/i,
      /\b(?:prod|preprod|staging|k8s|kubernetes|kubectl|pods?|rca|npe|oom|oomkilled|segfault|sigsegv|sigkill|nginx|haproxy|postgres(?:ql)?|mysql|mongodb|kafka|redis|ec2|rds|s3|hotfix|p99|5xx|4xx|cronjob|crontab|sre|devops|traceback|errno|econnrefused|econnreset|etimedout|enoent)\b/i,
      /\b(?:null pointer|nullpointer|stack ?trace|core dump|race condition|deadlock|memory leak|out of memory|segmentation fault|http [45]\d\d|[45]\d\d errors?)\b/i,
      /\b(?:nullpointer|illegalstate|illegalargument|indexoutofbounds|arrayindexoutofbounds|classcast|concurrentmodification|runtime|io|sql|socket|timeout|unsupportedoperation)exception\b/i,
      /\b(?:type|reference|syntax|range|key|attribute|value|index|assertion|import|module|name|zerodivision)error\b/i,
      // Stack-trace lines: "at Foo.bar (app.js:12:5)", "worker.py:42".
      /\bat [\w.$<>]+ ?\([^()\n]{0,80}:\d+(?::\d+)?\)/,
      /\b\w+\.(?:js|ts|py|java|go|rb|php|cs|rs|kt|scala|cpp):\d+\b/i,
    ],
    'named-victim': [
      // A social handle; not an email address, not @here / @channel / @everyone.
      /(?<![\w@.])@(?!(?:here|channel|everyone)\b)\w{2,}/i,
      // A title before a Capitalised name; case-sensitive on purpose ("Mr. Smith", not "mr smith").
      /(?<![\w.])(?:Mr|Mrs|Ms|Mx|Dr|Miss)\.?[ \t]+[A-Z][a-z]+/,
    ],
    speculation: [
      /\b(?:probably|possibly|perhaps|maybe|presumably|(?:most )?likely|we think|we believe|we suspect|we guess|we assume|might have|may have been|could have been|it seems|it appears|appears to have)\b/i,
    ],
    // See `reassurances`.
    'unbacked-reassurance': [],
    // An apology for how people felt, or on a condition, instead of for what we did.
    'conditional-apology': [
      /\b(?:sorry|apologi[sz]e|apologies|regret)(?: to (?:anyone|those|everyone|all))? (?:if|who (?:was|were|felt|feels|may have|might have))\b/i,
      /\b(?:sorry|apologi[sz]e|apologies|regret) for any (?:offen[cs]e|inconvenience|upset|hurt|distress|confusion)\b/i,
      /\b(?:sorry|apologi[sz]e|apologies|regret) for the inconvenience\b/i,
      /\b(?:regret|sorry) (?:that )?(?:you|some of you|anyone|people) (?:feel|felt|were offended|was offended|took offen[cs]e|found)\b/i,
      /\b(?:if|to|for) (?:anyone|those|everyone|people|all those|any of you) who (?:was|were|felt|may have been|might have been|has been|have been)\b…\boffended\b/i,
      /\bif (?:anyone|you|some of you|people) (?:was|were|felt|feel|has been|have been|took)\b…\b(?:offended|offen[cs]e)\b/i,
    ],
  },
  ...reassuranceCues(EN_REASSURANCE),
};

const es: LocaleCues = {
  items: {
    apology: [
      /\b(?:disculpa\w*|disculpe\w*|perdón|perdónanos|perdónenos|lo sentimos|lo siento|lamentamos|sentimos mucho)\b/i,
    ],
    empathy: [
      /\b(?:lo sentimos|lo siento|lamentamos|sentimos|disculpa\w*|perdón)\b…\b(?:preocupación|inquietud|malestar|angustia|frustración|enfado|enojo|decepción|miedo|alarma|confusión)\b/i,
      /\b(?:entiend\w*|entend\w*|comprend\w*|imagin\w*|sabemos|sé que|somos conscientes)\b…\b(?:enfad\w*|enojad\w*|enojo|decepcion\w*|frustra\w*|molest\w*|preocupad\w*|preocupación|indignad\w*|indignación|disgustad\w*|angusti\w*|inquiet\w*|malestar)/i,
    ],
    'what-happened': [
      /\b(?:hacke\w*|jaque\w*|pirate\w*|ataque\w*|atacad\w*|brecha|filtración\w*|filtrad\w*|caída|incidente\w*|incidencia\w*|interrupción\w*|fallos?|error|errores|problemas?|vulnerad\w*|vulnerabilidad\w*|comprometid\w*|acceso no autorizado|no autorizad[oa]s?|robo|robad[oa]s?|robaron|spam|suplantación|fuera de servicio|no disponible|no funciona|se cayó|expuest\w*|bulos?|rumor\w*|estafa\w*|desinformación|ofensiv\w*|inapropiad\w*|inaceptable)\b/i,
    ],
    'who-affected': [
      /\b(?:muchos|muchas|algunos|algunas|la mayoría|una parte|parte|varios|varias|\d+ ?%) de (?:vosotros|vosotras|ustedes|nuestros (?:usuarios|clientes|miembros)|nuestras cuentas|los usuarios|los clientes)\b/i,
      /\b(?:usuarios|clientes|cuentas|personas|miembros|suscriptores)\b…\b(?:afectad\w*|impactad\w*)/i,
      /\b(?:afectad\w*) (?:usuarios|clientes|cuentas)\b/i,
      /\b(?:algunos|algunas|muchos|muchas|varios|varias|ciertos|ciertas) (?:usuarios|clientes|cuentas|miembros|suscriptores)\b/i,
    ],
    actions: [
      // "Todas las publicaciones siguen pausadas": an action said without a subject.
      /\b(?:está|están|sigue|siguen|ha sido|han sido|queda|quedan|permanece|permanecen) (?:todavía |aún |ya |temporalmente )?(?:pausad|suspendid|bloquead|desactivad|detenid|protegid|asegurad|restablecid|restaurad|revocad|corregid|contenid|eliminad|retirad|borrad)[oa]s?\b/i,
      /\b(?:estamos|hemos|vamos a|seguimos|trabajamos|nuestro equipo|nuestros equipos|el equipo)\b…\b(?:trabajando|investigando|investigado|solucion\w*|arregl\w*|corrig\w*|pausad[oa]s?|pausando|deten\w*|suspend\w*|bloque\w*|restablec\w*|restaur\w*|revis\w*|analiz\w*|desactiv\w*|reforz\w*|contactad\w*|notificad\w*|cambiad\w*|eliminad\w*|parad[oa]s?|parando|cortad[oa]s?|cortando|para (?:solucionar|resolver|arreglar))/i,
    ],
    'user-actions': [
      /\b(?:por favor|te recomendamos|le recomendamos|os recomendamos|les recomendamos|recomendamos|te pedimos|le pedimos|os pedimos|les pedimos|te aconsejamos|le aconsejamos|debes|debe|deberías|debería|deben|conviene que|es recomendable|como precaución)\b…\b(?:retir\w*|elimin\w*|borr\w*|cambi\w*|restablezc\w*|revis\w*|comprob\w*|compruebe\w*|verifi\w*|actualic\w*|actualiz\w*|desconect\w*|reconect\w*|activ\w*|ignor\w*|no (?:abr|hag|puls|compart)\w*)/i,
      /(?:^|[.!?:\n])[ \t]*(?:retire|retira|retirad|elimine|elimina|borre|borra|cambie|cambia|restablezca|revise|revisa|compruebe|comprueba|active|activa|actualice|actualiza|desconecte|ignore|ignora|no abras|no abra|no hagas|no haga|no pulses|no pulse|no compartas|no comparta)\b/i,
    ],
    data: [
      /\b(?:contraseñas?|claves?|tarjetas?|facturación|pagos?|datos?|información (?:personal|de facturación|de pago|bancaria)|correos|credenciales|direcciones)\b…\b(?:afectad\w*|expuest\w*|comprometid\w*|filtrad\w*|robad\w*|accedid\w*|a salvo|segur\w*|intact\w*)/i,
      /\b(?:afectad\w*|expuest\w*|filtrad\w*|robad\w*)\b…\b(?:contraseñas|datos personales|datos bancarios|tarjetas|información de (?:facturación|pago))\b/i,
    ],
    'where-updates': [
      /\b(?:actualizaciones|actualización|novedades|informaremos|informando|publicando|publicaremos|síguenos)\b…\b(?:twitter|facebook|blog|página de estado|web|sitio|linkedin|instagram|https?:\/\/|www\.)/i,
      /\bpágina de estado\b/i,
    ],
    questions: [
      /\b(?:preguntas?|dudas?|consultas?)\b\??…\b(?:responde|responda|respondan|respóndenos|responder|escribe|escriba|escríbenos|escríbanos|escribirnos|contacta|contacte|contáctanos|contactarnos|ponte en contacto|póngase en contacto|envíanos|llama|llámanos|llamarnos)\b/i,
      /\b(?:respond(?:e|a|er) a este (?:correo|e-mail|email|mensaje)|escríbenos|escríbanos|contáctanos|contáctenos|(?:puedes|puede|podéis|pueden) (?:escribirnos|contactarnos|llamarnos))\b/i,
    ],
    signature: [
      /(?:^|\n)[ \t]*(?:[a-z][a-z'.-]*(?:[ \t]+[a-z][a-z'.-]*){0,2}|\{(?:nombre|firma|portavoz)\})[ \t]*(?:,|—|–|-|\(|\n)[ \t]*(?:el[ \t]+|la[ \t]+)?(?:directora?|fundadora?|cofundadora?|presidenta?|presidente|consejer[oa] delegad[oa]|responsable|jef[ea] de|portavoz|gerente)\b/i,
      // "El equipo de Buffer", "en nombre del equipo de redes sociales", "de todo el equipo".
      /\bd?el equipo(?:[ \t]+de)?(?:[ \t]+[a-z0-9][\w&'.-]*){1,3}[.!]?[ \t]*$/im,
      /\b(?:de|por) todo el equipo[.!]?[ \t]*$/im,
      // A template's placeholder for a person, with a team or on its own on the last line.
      /(?:^|\n)[ \t]*(?:(?:—|–|--|-|~)[ \t]*)?\{(?:name|full_name|first_name|spokesperson|signature|signer|author|nombre|firma|portavoz)\}[ \t]*(?:,|—|–|-|\(|\n)[^\n]{0,60}?\bequipo\b/i,
      /(?:^|\n)[ \t]*(?:(?:—|–|--|-|~)[ \t]*)?\{(?:nombre|firma|portavoz)\}[ \t]*[.!]?[ \t]*$/i,
      /\b(?:gracias|saludos|un saludo|atentamente|cordialmente|un abrazo)[ \t]*(?:,[ \t]*\n?|\n)[ \t]*[a-z][a-z'.-]*(?:[ \t]+[a-z][a-z'.-]*){0,2}[ \t]*[.!]?[ \t]*$/i,
    ],
    'next-update': [
      /\b(?:próxima|siguiente) actualización\b/i,
      /\b(?:nueva|otra) actualización\b…\b(?:a las?|en|dentro de|antes de|mañana|esta (?:tarde|noche))\b/i,
      /\b(?:actualizaremos|informaremos|volveremos a (?:informar|escribir|actualizar))\b…(?:\ba las?[ \t]+\d|\ben[ \t]+(?:\d+|media|una|un par de)[ \t]+(?:minutos?|horas?)|\bdentro de\b|\bantes de las?[ \t]+\d)/i,
      /\bactualizaciones? cada\b/i,
    ],
  },
  time: [
    /\bhace (?:(?:unos|unas|un|una|aproximadamente|cerca de|más de|menos de|casi|media|apenas|dos|tres|pocos|pocas|algunos|algunas|\d+) ){1,3}(?:segundos|minutos?|horas?|días?|semanas?)\b/i,
    /\bhace (?:un rato|poco)\b/i,
    /\ba las? \d{1,2}(?:[:.h]\d{2})?\b/i,
    /\bdesde las? \d{1,2}\b/i,
    /\b(?:esta|ayer por la|mañana por la) (?:mañana|tarde|noche|madrugada)\b/i,
    /\b(?:hoy|ayer|anoche|anteayer|este fin de semana|el fin de semana)\b/i,
    /\b(?:lunes|martes|miércoles|jueves|viernes|sábado|domingo)\b/i,
    /\b\d{1,2} de (?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre)\b/i,
    /\{(?:[a-z]+_)?(?:hora|fecha)\}/i,
  ],
  answer: [
    /\b(?:vamos a (?:responder|contestar)|responderemos|contestaremos|daremos respuesta|te responderemos|le responderemos|os responderemos)\b/i,
    // "responder a todos", and the present tense: "contestamos a todos", "respondemos a cada mensaje".
    /\b(?:responder|contestar|respondemos|contestamos|respondo|contesto) (?:a )?(?:todos|todas|cada)\b/i,
  ],
  warnings: {
    eta: [
      /\b(?:restablec|resuel|solucion|arregl|funcion|operativ|normalidad|disponible|recuperad|reparad)\w*…\b(?:en breve|en unos (?:minutos|instantes|momentos)|en pocos minutos|en cuestión de (?:minutos|horas)|muy pronto|pronto|enseguida|en breves momentos|en la próxima hora|en menos de una hora|en (?:\d+|una|dos) (?:minutos|horas?)|antes de (?:esta noche|mañana))\b/i,
      /\b(?:en breve|en unos (?:minutos|instantes|momentos)|en pocos minutos|muy pronto|enseguida|en la próxima hora)\b…\b(?:restablec|resuel|solucion|arregl|funcion|operativ|normalidad|disponible)\w*/i,
    ],
    blame: [
      /\b(?:culpa de(?! (?:lo|nosotros|nuestr|todo|esto|ello))|por culpa|no es culpa nuestra|no es nuestra culpa|ajen[oa] a (?:nosotros|nuestra voluntad)|empresa externa|subcontrat\w*)/i,
      /\b(?<!\b(?:tu|su|vuestro) (?:[a-z]+ )?)proveedor(?:es)?\b/i,
    ],
    'security-cliche': [
      /\btomamos\b…\ben serio\b…\b(?:seguridad|privacidad|protección)/i,
      /\btomamos\b…\b(?:seguridad|privacidad|protección)\b…\ben serio\b/i,
      /\b(?:seguridad|privacidad) (?:es|son|sigue siendo) (?:nuestra|una) (?:máxima|principal|primera|mayor)\b/i,
    ],
    // Technical jargon is English in every language: see the English table.
    jargon: [],
    'named-victim': [/(?<![\w.])(?:Sr|Sra|Srta|Dr|Dra|Dña)\.?[ \t]+[A-Z][a-z]+/],
    speculation: [
      /\b(?:probablemente|posiblemente|puede que|quizás|quizá|tal vez|a lo mejor|creemos que|pensamos que|sospechamos|suponemos|parece que|es posible que|podría haber|podrían haber)\b/i,
    ],
    'unbacked-reassurance': [],
    'conditional-apology': [
      /\b(?:lamentamos|sentimos|lo sentimos|lo siento|pedimos disculpas|nos disculpamos|perdón|disculpas?)(?: mucho)? si\b/i,
      /\b(?:a quienes?|a (?:todas las personas|todos los|todas las) que|si alguien|si alguno de ustedes|si algunas personas) (?:se (?:haya|hayan|ha|han|sintió|sintieron|sienta|sientan) )?(?:sentido |sentid[oa]s )?(?:ofendid|molest|dolid)\w*/i,
      /\blamentamos que (?:te|se|le|les) (?:hayas|haya|hayan|sientas|sienta|sientan)\b/i,
      /\b(?:disculp\w*|lo sentimos|lamentamos|sentimos|perdón)\b… (?:por )?(?:las|cualquier|toda) (?:molestias|inconvenientes|inconveniencia|molestia)\b/i,
    ],
  },
  ...reassuranceCues(ES_REASSURANCE),
};

const fr: LocaleCues = {
  items: {
    apology: [/\b(?:désolé\w*|excus\w*|pardon|regrett\w*)\b/i],
    empathy: [
      /\b(?:désolé\w*|excus\w*|regrett\w*|pardon)\b…\b(?:inquiétudes?|angoisse|colère|frustration|déception|stress|peur|confusion|désarroi|émoi)\b/i,
      /\b(?:compren\w*|imagin\w*|savons|sais|conscients?)\b…\b(?:en colère|colère|déçu\w*|déception|frustr\w*|agac\w*|inquiet\w*|inquiét\w*|contrarié\w*|mécontent\w*|énerv\w*|fâché\w*)/i,
    ],
    'what-happened': [
      /\b(?:pirat\w*|hacke\w*|attaque\w*|intrusions?|fuite\w*|violation|panne\w*|incident\w*|interruption\w*|indisponib\w*|dysfonctionnement\w*|erreurs?|problèmes?|bugs?|compromis\w*|accès non autorisé|non autorisée?s?|volée?s?|spam|hameçonnage|hors service|hors ligne|ne fonctionne plus|exposé\w*|perturb\w*|rumeurs?|canulars?|infox|désinformation|arnaques?|déplacé\w*|offensant\w*|blessant\w*|inacceptable)\b/i,
    ],
    'who-affected': [
      /\b(?:beaucoup|nombre|nombreux|nombreuses|certains|certaines|plusieurs|la plupart|une partie) d'entre vous\b/i,
      /\b(?:beaucoup|certains|certaines|la plupart|une partie|plusieurs|\d+ ?%) de (?:nos (?:utilisateurs|clients|membres|abonnés|comptes)|vos comptes)\b/i,
      /\b(?:certains|certaines|plusieurs|de nombreux|de nombreuses|beaucoup d') ?(?:utilisateurs|clients|comptes|membres|abonnés)\b/i,
      /\b(?:utilisateurs|clients|comptes|membres|abonnés|personnes)\b…\b(?:concerné\w*|touché\w*|affecté\w*|impacté\w*)/i,
    ],
    actions: [
      // "Toutes les publications restent suspendues": an action said without a subject.
      /\b(?:est|sont|reste|restent|a été|ont été) (?:toujours |encore |déjà |temporairement |désormais )?(?:(?:suspendu|bloqué|désactivé|interrompu|sécurisé|rétabli|restauré|révoqué|corrigé|gelé|supprimé|retiré)e?s?|mise?s? en pause)\b/i,
      /\b(?:nous|notre équipe|nos équipes|l'équipe)\b…\b(?:travaillons|travaillent|examinons|enquêtons|analysons|corrig\w*|suspendu\w*|mis en pause|bloqué\w*|rétabli\w*|restaur\w*|investigu\w*|désactivé\w*|surveill\w*|contacté\w*|notifié\w*|réinitialisé\w*|coupé\w*|examiné\w*|analysé\w*|sommes en train|avons pris|prenons des mesures|cherchons)/i,
    ],
    'user-actions': [
      /\b(?:veuillez|merci de|nous vous (?:recommandons|conseillons|invitons|demandons) de|vous devez|vous devriez|pensez à|il est recommandé de|s'il vous plaît|svp|par précaution)\b…\b(?:supprim\w*|retir\w*|effac\w*|chang\w*|modifi\w*|réinitialis\w*|vérifi\w*|mettre à jour|activ\w*|désactiv\w*|déconnect\w*|reconnect\w*|ignor\w*|ne pas)\b/i,
      /(?:^|[.!?:\n])[ \t]*(?:supprimez|retirez|effacez|changez|modifiez|réinitialisez|vérifiez|activez|désactivez|déconnectez|reconnectez|mettez à jour|ignorez|ne cliquez pas|n'ouvrez pas|ne répondez pas|ne partagez pas)\b/i,
      // A negative imperative anywhere in a sentence: "Par précaution, ne cliquez pas…", "ne cliquez sur
      // aucun lien"; not "si vous ne cliquez pas", not "ne cliquez-vous pas".
      /(?<!\bvous )\b(?:ne (?:cliquez|ouvrez|répondez|partagez|communiquez|donnez|transmettez|saisissez|téléchargez|installez)|n'(?:ouvrez|installez|acceptez|envoyez))\b(?!-)/i,
    ],
    data: [
      /\b(?:mots? de passe|cartes?(?: bancaires?)?|facturation|paiements?|données?|informations (?:personnelles|de facturation|de paiement|bancaires)|identifiants|adresses)\b…\b(?:affecté\w*|touché\w*|concerné\w*|exposé\w*|compromis\w*|divulgué\w*|volé\w*|consulté\w*|en sécurité|sécuris\w*|intact\w*)/i,
    ],
    'where-updates': [
      /\b(?:mises? à jour|actualités|informations|publions|publierons|suivez-nous|suivez|(?:prochain|nouveau) point)\b…\b(?:twitter|facebook|blog|page de statut|page d'état|site|linkedin|instagram|https?:\/\/|www\.)/i,
      /\bpage (?:de statut|d'état)\b/i,
    ],
    questions: [
      /\b(?:questions?|interrogations?)\b…\b(?:répondez|répondre|écrivez|écrivez-nous|contactez|contactez-nous|nous contacter|nous écrire|envoyez)\b/i,
      /\b(?:(?:répondez|répondre) à cet? (?:e-mail|email|courriel|mail|message)|écrivez-nous|contactez-nous)\b/i,
    ],
    signature: [
      /(?:^|\n)[ \t]*(?:[a-z][a-z'.-]*(?:[ \t]+[a-z][a-z'.-]*){0,2}|\{(?:nom|porte_parole)\})[ \t]*(?:,|—|–|-|\(|\n)[ \t]*(?:le[ \t]+|la[ \t]+)?(?:directeur|directrice|fondateur|fondatrice|cofondateur|cofondatrice|président|présidente|pdg|dg|responsable|porte-parole|gérant|gérante)\b/i,
      /\bl'équipe[ \t]+(?:de[ \t]+|d')?[a-z0-9][\w&'.-]*(?:[ \t]+[a-z0-9][\w&'.-]*){0,2}[.!]?[ \t]*$/im,
      // A template's placeholder for a person, with a team or on its own on the last line.
      /(?:^|\n)[ \t]*(?:(?:—|–|--|-|~)[ \t]*)?\{(?:name|full_name|first_name|spokesperson|signature|signer|author|nom|porte_parole)\}[ \t]*(?:,|—|–|-|\(|\n)[^\n]{0,60}?\béquipe\b/i,
      /(?:^|\n)[ \t]*(?:(?:—|–|--|-|~)[ \t]*)?\{(?:nom|porte_parole)\}[ \t]*[.!]?[ \t]*$/i,
      /\b(?:merci|cordialement|bien cordialement|bien à vous|salutations|amicalement|à bientôt)[ \t]*(?:,[ \t]*\n?|\n)[ \t]*[a-z][a-z'.-]*(?:[ \t]+[a-z][a-z'.-]*){0,2}[ \t]*[.!]?[ \t]*$/i,
    ],
    'next-update': [
      /\b(?:prochaine mise à jour|prochain point|prochaine communication)\b/i,
      /\b(?:nouvelle|autre) mise à jour\b…(?:\bà \d|\bdans\b|\bd'ici\b|\bavant\b|\bdemain\b|\bce soir\b|\bcet après-midi\b)/i,
      /\bnous (?:vous )?(?:tiendrons informés|reviendrons vers vous|ferons un (?:nouveau )?point|donnerons des nouvelles|informerons)\b…(?:\bà \d|\bdans (?:\d+|une|un|la demi)|\bd'ici\b|\bavant \d)/i,
      /\bmises? à jour (?:toutes les|chaque)\b/i,
    ],
  },
  time: [
    /\bil y a (?:(?:environ|près de|plus de|moins de|quelques|une|un|deux|trois|dix|quinze|vingt|trente|\d+) ){1,3}(?:secondes?|minutes?|heures?|demi-heure|jours?|semaines?)\b/i,
    /\b(?:ce|hier|demain) (?:matin|soir|après-midi)\b/i,
    /\b(?:cette nuit|aujourd'hui|hier|ce week-end|ce weekend|cet après-midi|le week-end dernier)\b/i,
    /\b\d{1,2} ?h(?: ?\d{2})?\b/i,
    /\bdepuis (?:ce matin|hier|\d+ (?:minutes|heures))\b/i,
    /\b(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b/i,
    /\b\d{1,2}(?:er)? (?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)\b/i,
    /\{(?:[a-z]+_)?(?:heure|date)\}/i,
  ],
  answer: [
    /\b(?:nous (?:vous )?répondrons|nous allons (?:vous )?répondre|répondrons)\b/i,
    // "répondre à chaque…", and the present tense: "nous répondons à chaque message".
    /\brépond(?:re|ons) à (?:chaque|tous|toutes)\b/i,
  ],
  warnings: {
    eta: [
      /\b(?:rétabli|résolu|réparé|corrigé|fonctionn|opérationnel|normal|disponible|rentr)\w*…\b(?:sous peu|rapidement|bientôt|très vite|incessamment|dans (?:quelques|les prochaines|\d+) (?:minutes|heures)|d'ici (?:une|\d+) heures?|dans l'heure|d'ici ce soir|d'ici demain)/i,
      /\b(?:sous peu|rapidement|bientôt|très vite|incessamment)\b…\b(?:rétabli|résolu|réparé|corrigé|fonctionn|opérationnel|disponible)\w*/i,
    ],
    blame: [
      // "un tiers" is a third party, but "un tiers des clients / de nos clients / d'entre vous" a fraction
      // ("un tiers de confiance" is still a third party).
      /\b(?:la faute (?:de|d'|à)|pas (?:de )?notre faute|indépendante? de notre volonté|un tiers(?! (?:des|du)\b| d'| de (?!confiance\b))|sous-traitants?)/i,
      /\b(?<!\b(?:votre|vos) (?:[a-z]+ )?)(?:prestataires?|fournisseurs?|partenaires?)\b/i,
    ],
    'security-cliche': [
      /\bprenons\b…\b(?:sécurité|confidentialité|vie privée|protection)\b…\bau sérieux\b/i,
      /\b(?:sécurité|confidentialité) (?:est|reste) (?:notre|une) (?:priorité|première priorité|préoccupation)\b/i,
    ],
    // Technical jargon is English in every language: see the English table.
    jargon: [],
    'named-victim': [/(?<![\w.])(?:M\.|MM\.|Mme|Mmes|Mlle|Dr|Pr)\.?[ \t]+[A-Z][a-z]+/],
    speculation: [
      /\b(?:probablement|peut-être|il se peut|il est possible que|vraisemblablement|sans doute|nous pensons que|nous croyons que|nous supposons|nous soupçonnons|il semble(?:rait)? que|semble-t-il|aurait pu|auraient pu)\b/i,
    ],
    'unbacked-reassurance': [],
    'conditional-apology': [
      /\b(?:désolée?s?|nous nous excusons|nous regrettons|toutes nos excuses|pardon)(?: (?:sincèrement|vraiment))? si\b/i,
      /\b(?:à (?:ceux|celles|tous ceux|toutes celles|celles et ceux|toutes les personnes) qui|si (?:certains|certaines|quelqu'un|des personnes))\b…\b(?:offensé|choqué|heurté|vexé|sentie?s? blessé)\w*/i,
      /\bnous regrettons que vous\b/i,
      /\bdésolée?s? que vous (?:vous )?(?:soyez|ayez été|sentiez|soyez senti)\b/i,
      /\b(?:la|toute) gêne (?:occasionnée|causée)\b/i,
    ],
  },
  ...reassuranceCues(FR_REASSURANCE),
};

const CUES: Record<Locale, LocaleCues> = { en, es, fr };

// ---------------------------------------------------------------------------------------------------
// Folding and compilation.
// ---------------------------------------------------------------------------------------------------

/** Letters NFKD keeps whole, and typographic characters folded to their plain form. */
const SPECIAL: Record<string, string> = {
  ß: 'ss',
  ẞ: 'SS',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  ø: 'o',
  Ø: 'O',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ð: 'd',
  Ð: 'D',
  þ: 'th',
  Þ: 'TH',
  ı: 'i',
  '\u2019': "'",
  '\u2018': "'",
  '\u02bc': "'",
  '\u201b': "'",
  '\u2032': "'",
  '\u00b4': "'",
  '\r': '\n',
  '\u2028': '\n',
  '\u2029': '\n',
};

const MARKS = /\p{M}/gu;
const NEEDS_SPECIAL = /[ßẞæÆœŒøØłŁđĐðÐþÞı]/g;

function foldCodePoint(ch: string): string {
  const special = SPECIAL[ch];
  if (special !== undefined) return special;
  const folded = ch.normalize('NFKD').replace(MARKS, '');
  return folded.replace(NEEDS_SPECIAL, (c) => SPECIAL[c] ?? c);
}

interface Folded {
  text: string;
  /** For each UTF-16 unit of `text`, where its source code point starts and ends in the original. */
  starts: number[];
  ends: number[];
}

function fold(original: string): Folded {
  const parts: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let lastWasSpace = false;
  let i = 0;
  while (i < original.length) {
    const code = original.charCodeAt(i);
    if (code < 0x80 && code !== 13 && code !== 32 && code !== 9) {
      parts.push(original[i] as string);
      starts.push(i);
      ends.push(i + 1);
      lastWasSpace = false;
      i += 1;
      continue;
    }
    const cp = original.codePointAt(i) as number;
    const width = cp > 0xffff ? 2 : 1;
    let out = code === 32 ? ' ' : foldCodePoint(original.slice(i, i + width));
    if (out === ' ' || out === '\t') {
      // Runs of spaces and tabs (NBSP and other spaces fold to ' ') count as one space.
      if (lastWasSpace) {
        ends[ends.length - 1] = i + width;
        i += width;
        continue;
      }
      out = ' ';
      lastWasSpace = true;
    } else if (out !== '') {
      lastWasSpace = false;
    }
    parts.push(out);
    for (let k = 0; k < out.length; k += 1) {
      starts.push(i);
      ends.push(i + width);
    }
    i += width;
  }
  return { text: parts.join(''), starts, ends };
}

/** `…` in a cue: a few more words of the same sentence. */
const GAP = '(?:[^.!?\\n]|\\.(?=\\S)){0,50}?';

function compile(cue: RegExp, global: boolean): RegExp {
  const source = fold(cue.source.replaceAll('…', GAP)).text;
  const flags = global ? `${cue.flags.replace('g', '')}g` : cue.flags.replace('g', '');
  return new RegExp(source, flags);
}

interface CompiledCues {
  items: Record<ChecklistItem, RegExp[]>;
  time: RegExp[];
  answer: RegExp[];
  warnings: Record<ChecklistWarning, RegExp[]>;
  topics: Record<FactTopic, RegExp[]>;
  reassurances: Record<FactTopic, RegExp[]>;
}

/**
 * A draft is read as it will be published: where a cue accepts a `{placeholder}` ("at {time}",
 * "{signature}"), that alternative is for templates only, and a next update whose time is a
 * placeholder ("Next update at {next_update}") names no time.
 */
type Mode = 'draft' | 'template';

/** A placeholder alternative in a cue's source, replaced by a pattern that never matches in a draft. */
const PLACEHOLDER_IN_CUE = /\\\{.*?\\\}/g;

/** What follows a next-update cue when its time is still a placeholder: "at {next_update}", ": {time}". */
const UNFILLED_TIME =
  "(?![ \\t]*(?:(?:at|by|in|around|before|on|until|a las?|a la|hacia|antes de las?|à|vers|avant|dans|d'ici|pour)[ \\t]+)?[:–—-]?[ \\t]*\\{)";

function forMode(cue: RegExp, mode: Mode, suffix = ''): RegExp {
  if (mode === 'template') return cue;
  return new RegExp(`${cue.source.replace(PLACEHOLDER_IN_CUE, '(?!)')}${suffix}`, cue.flags);
}

function compileTable(table: LocaleCues, mode: Mode): CompiledCues {
  const cues = (list: readonly RegExp[], global: boolean, suffix?: string) =>
    list.map((cue) => compile(forMode(cue, mode, suffix), global));
  const items = {} as Record<ChecklistItem, RegExp[]>;
  for (const item of CHECKLIST_ITEMS) {
    items[item] = cues(table.items[item], false, item === 'next-update' ? UNFILLED_TIME : '');
  }
  const warnings = {} as Record<ChecklistWarning, RegExp[]>;
  for (const kind of CHECKLIST_WARNINGS) warnings[kind] = cues(table.warnings[kind], true);
  const topics = {} as Record<FactTopic, RegExp[]>;
  const reassurances = {} as Record<FactTopic, RegExp[]>;
  for (const topic of FACT_TOPICS) {
    topics[topic] = cues(table.topics[topic], false);
    reassurances[topic] = cues(table.reassurances[topic], true);
  }
  return {
    items,
    time: cues(table.time, false),
    answer: cues(table.answer, false),
    warnings,
    topics,
    reassurances,
  };
}

const compileAll = (mode: Mode): Record<Locale, CompiledCues> => ({
  en: compileTable(CUES.en, mode),
  es: compileTable(CUES.es, mode),
  fr: compileTable(CUES.fr, mode),
});

const COMPILED: Record<Mode, Record<Locale, CompiledCues>> = {
  draft: compileAll('draft'),
  template: compileAll('template'),
};

/** The tables checked for a locale: its own, and English (see the module comment). */
function tablesFor(locale: Locale, mode: Mode): CompiledCues[] {
  const compiled = COMPILED[mode];
  return locale === 'en' ? [compiled.en] : [compiled[locale], compiled.en];
}

// ---------------------------------------------------------------------------------------------------
// Checking.
// ---------------------------------------------------------------------------------------------------

/** The last CLOSING_LINES non-empty lines of a folded text, where a signature is looked for. */
function closingOf(text: string): string {
  const lines = text.split('\n');
  let taken = 0;
  let first = lines.length;
  for (let k = lines.length - 1; k >= 0 && taken < CLOSING_LINES; k -= 1) {
    first = k;
    if ((lines[k] as string).trim() !== '') taken += 1;
  }
  return lines.slice(first).join('\n').trimEnd();
}

function anyMatches(text: string, cues: RegExp[][]): boolean {
  return cues.some((list) => list.some((cue) => cue.test(text)));
}

function excerptOf(original: string, folded: Folded, start: number, end: number): string {
  const from = folded.starts[start] ?? 0;
  const to = folded.ends[end - 1] ?? original.length;
  let excerpt = original.slice(from, to).replace(/\s+/g, ' ').trim();
  if (excerpt.length > MAX_EXCERPT) {
    excerpt = excerpt.slice(0, MAX_EXCERPT - 1);
    if (/[\ud800-\udbff]$/.test(excerpt)) excerpt = excerpt.slice(0, -1);
    excerpt = `${excerpt.trimEnd()}…`;
  }
  return excerpt;
}

interface Hit {
  kind: ChecklistWarning;
  start: number;
  end: number;
}

/** The cues a warning kind is found by: a reassurance's are those of the topics no recorded fact backs. */
function warningCues(table: CompiledCues, kind: ChecklistWarning, facts: readonly FactTopic[] | undefined) {
  if (kind !== 'unbacked-reassurance') return table.warnings[kind];
  if (facts === undefined) return [];
  return FACT_TOPICS.filter((topic) => !facts.includes(topic)).flatMap((topic) => table.reassurances[topic]);
}

function warningsOf(
  original: string,
  folded: Folded,
  tables: CompiledCues[],
  facts: readonly FactTopic[] | undefined,
): ChecklistWarningHit[] {
  const hits: Hit[] = [];
  for (const kind of CHECKLIST_WARNINGS) {
    const ofKind: Hit[] = [];
    for (const table of tables) {
      for (const cue of warningCues(table, kind, facts)) {
        for (const match of folded.text.matchAll(cue)) {
          const start = match.index;
          const end = start + match[0].length;
          if (end === start) continue;
          if (ofKind.some((hit) => start < hit.end && hit.start < end)) continue;
          ofKind.push({ kind, start, end });
        }
      }
    }
    hits.push(...ofKind);
  }
  hits.sort(
    (a, b) => a.start - b.start || CHECKLIST_WARNINGS.indexOf(a.kind) - CHECKLIST_WARNINGS.indexOf(b.kind),
  );
  // The same words flagged again (a handle named in three sentences) are one warning, said once.
  const seen = new Set<string>();
  return hits
    .map((hit) => ({ kind: hit.kind, excerpt: excerptOf(original, folded, hit.start, hit.end) }))
    .filter((hit) => {
      const key = `${hit.kind} ${hit.excerpt.toLowerCase()}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

export interface CheckOptions extends ChecklistContext {
  /** A playbook template: its `{placeholders}` count as what they will be filled with. */
  template?: boolean;
  /**
   * The topics the incident has a recorded fact on: a reassurance on any other topic warns. Without it
   * (a text checked outside an incident) reassurances are not looked for.
   */
  facts?: readonly FactTopic[];
}

/**
 * Checks a public statement against the checklist, with the cues of `locale` and of English. The
 * statement's kind and the playbook's posture decide which items are expected (checklist-expectations.ts):
 * `missing` lists only those; an item covered though not expected is still listed as covered.
 * Total: any string gives a result (an empty text covers nothing).
 */
export function checkStatement(text: string, locale: Locale, options: CheckOptions = {}): ChecklistResult {
  const tables = tablesFor(locale, options.template ? 'template' : 'draft');
  const expected = expectedItems(options);
  const folded = fold(text);
  const closing = closingOf(folded.text);
  const covered: ChecklistItem[] = [];
  const missing: ChecklistItem[] = [];
  for (const item of CHECKLIST_ITEMS) {
    const target = item === 'signature' ? closing : folded.text;
    let found = anyMatches(
      target,
      tables.map((table) => table.items[item]),
    );
    const companion = COMPANION[item];
    if (found && companion !== undefined) {
      found = anyMatches(
        folded.text,
        tables.map((table) => table[companion]),
      );
    }
    if (found) covered.push(item);
    else if (expected.includes(item)) missing.push(item);
  }
  const own = new Set((options.ownAccounts ?? []).map((handle) => handle.toLowerCase()));
  const warnings = warningsOf(text, folded, tables, options.facts).filter(
    (hit) => !(hit.kind === 'named-victim' && own.has(hit.excerpt.toLowerCase())),
  );
  return { covered, missing, warnings };
}

/** What a fact is about, by the words it uses (its locale's and English): `[]` when it names no topic. */
export function factTopics(text: string, locale: Locale): FactTopic[] {
  const folded = fold(text).text;
  const tables = tablesFor(locale, 'draft');
  return FACT_TOPICS.filter((topic) =>
    anyMatches(
      folded,
      tables.map((table) => table.topics[topic]),
    ),
  );
}
