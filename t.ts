import { createHarness } from './test/helpers/botHarness.js';
import { messageActivity, teamsActivity } from './test/helpers/activities.js';
import { cardTexts, firstCard } from './test/helpers/cardText.js';
import { ALEX } from './test/helpers/people.js';
const bot = await createHarness();
const show = (r: any[]) => r.forEach((a) => console.log(a.type, a.text ?? '', a.attachments ? JSON.stringify(cardTexts(firstCard(a))).slice(0, 600) : '', a.value ? JSON.stringify(a.value).slice(0, 600) : ''));
let r = await bot.send(messageActivity(ALEX, 'add a user')); show(r);
const card = firstCard(r[0] as any);
const flowId = (card.actions as any[])[0].data.flowId;
const invoke = (data: any, verb: string) => teamsActivity(ALEX, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' } });
r = await bot.send(invoke({ flowId, displayName: 'Jean Dupont', email: 'bad', role_billing_admin: 'true' }, 'add_user.submit')); show(r);
r = await bot.send(invoke({ flowId, displayName: 'Jean Dupont', email: 'jean@contoso.com', role_global_admin: 'true' }, 'add_user.submit')); show(r);
r = await bot.send(invoke({ flowId }, 'add_user.confirm')); show(r);
r = await bot.send(invoke({ flowId }, 'add_user.confirm')); show(r);
for (const text of ['who are the global admins', 'what roles does Adele have', 'what can a billing admin do', 'which role do I need to manage incentives', 'change roles of adele', 'notification email', 'cancel', 'remove a user', 'speak french', 'quel est mon rôle']) { console.log('>>', text); show(await bot.send(messageActivity(ALEX, text))); }
const doc = bot.store.organization(ALEX.aadObjectId ? '5c1f8a2e-3b7d-4e96-8a41-0d2f6b9c7e15' : '')!.read();
console.log(doc.users.at(-1), doc.audit.slice(-3));
await bot.cleanup();
