import type { Locale } from '../../src/core/types';

/**
 * Buffer's email of October 2013 ("Buffer has been hacked – here is what's happening"), the example
 * behind the statement checklist (docs/crisis-craft.md). The English text is reconstructed from the
 * quotes published about it; the Spanish one keeps the Spanish quotes of the article calma comes from
 * word for word (its agreement slips included); the French one is a faithful translation. Each covers the ten main
 * checklist items, plus a next-update line, and trips no warning.
 */
export const bufferEmail: Record<Locale, string> = {
  en: `Subject: Buffer has been hacked – here is what's happening

Hi there,

I wanted to reach out and apologize for the awful experience many of you have had this weekend. Buffer was hacked around an hour ago, and many of you have experienced spam posts sent from your account via Buffer.

I can understand how angry and disappointed you must be right now.

We are working hard to fix it, and we have paused all posting from Buffer while we do.

We are posting continuous updates on Buffer's Facebook page and Twitter to keep you in the loop.

Please remove any spam posts from your Facebook or Twitter accounts.

Your Buffer passwords were not affected, nor billing or payment information.

If you have any questions, please reply to this email. Naturally, a lot of people have written in, so it will take us some time to get back to everyone, but we will respond to every email we receive.

Next update at 15:00 PT.

Joel, CEO of Buffer`,

  es: `Asunto: Buffer ha sido hackeado - esto es lo que ha pasado

Hola:

Me pongo en contacto contigo para pedirte disculpas por la terrible experiencia que os hemos causado a muchos de vosotros durante este fin de semana. Buffer ha sido hackeado hace aproximadamente una hora, y muchos de vosotros habéis experimentado posts spam enviados desde vuestra cuenta vía Buffer.

Puedo entender cómo debes estar de enfadado y decepcionado en este momento.

Estamos trabajando duro para solucionarlo y hemos pausado todas las publicaciones desde Buffer.

Estamos publicando actualizaciones continuas en la página de Buffer en Facebook y en la página de Buffer en Twitter para mantenerte al tanto de todo.

Retire todos los posts de su página de Facebook o su página de Twitter que puedan resultar correo no deseado.

Tus contraseñas de Buffer no se han visto afectadas - Tampoco la información de facturación o pago ha sido afectado o expuesto.

Si tienes alguna pregunta, por favor, responde a este e-mail. Naturalmente, mucha gente nos ha escrito, por lo que nos tomará algún tiempo responder a todos, pero vamos a responder cada uno de los correos electrónico que recibamos.

Próxima actualización a las 15:00 (hora del Pacífico).

Joel, CEO de Buffer`,

  fr: `Objet : Buffer a été piraté – voici ce qui s’est passé

Bonjour,

Je vous écris pour vous présenter mes excuses pour la terrible expérience que nous avons fait vivre à beaucoup d’entre vous ce week-end. Buffer a été piraté il y a environ une heure, et beaucoup d’entre vous ont vu des messages indésirables publiés depuis votre compte via Buffer.

Je comprends à quel point vous devez être en colère et déçus en ce moment.

Nous travaillons d’arrache-pied pour régler le problème et nous avons suspendu toutes les publications depuis Buffer.

Nous publions des mises à jour en continu sur la page Facebook de Buffer et sur la page Twitter de Buffer pour vous tenir informés.

Veuillez supprimer de votre page Facebook ou de votre page Twitter tous les messages qui pourraient s’apparenter à du spam.

Vos mots de passe Buffer n’ont pas été affectés, et vos informations de facturation ou de paiement n’ont été ni affectées ni exposées.

Si vous avez des questions, veuillez répondre à cet e-mail. Naturellement, beaucoup de personnes nous ont écrit, il nous faudra donc un peu de temps pour répondre à tout le monde, mais nous répondrons à chacun des e-mails que nous recevrons.

Prochaine mise à jour à 15 h (heure du Pacifique).

Joel, CEO de Buffer`,
};

/** A one-line holding reply: says work is under way and nothing else. */
export const bareHolding: Record<Locale, string> = {
  en: 'We are looking into it.',
  es: 'Estamos investigando.',
  fr: 'Nous examinons la situation.',
};
