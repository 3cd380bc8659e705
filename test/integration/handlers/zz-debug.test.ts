import { ana, inRoom, replyText, useWorld } from './world';
const world = useWorld();
test('dbg', async () => {
  const w = world();
  const room = await w.open(ana);
  console.log(replyText(await w.command(inRoom(ana, room), 'role lead @U_LENA')));
  console.log(replyText(await w.command(inRoom(ana, room), 'role responsable <@U_BOB|bob>')));
  console.log(replyText(await w.command(inRoom(ana, room), 'role responsable <@U_BOB>')));
  console.log(JSON.stringify((await w.incident(1)).roles));
  for (const v of ['garbage', '', 'step.done', 'step.done|1', 'step.done|x|y', 'step.done|1|x', 'sev.set|1|9', 'sev.set|7|2', 'step.skip|1|zz', 'open.pick|nope|hacked-account', 'help|x', 'step.done|1|-1', 'step.done|1|1.5'])
    console.log(JSON.stringify(v), '=>', replyText(await w.press(inRoom(ana, room), v)), JSON.stringify((await w.press(inRoom(ana, room), v)).form ?? null));
  console.log(JSON.stringify((await w.incident(1)).steps.slice(0,3)));
});
