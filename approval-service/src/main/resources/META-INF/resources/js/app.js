import { api, ApiError, session } from './api.js';
import { configuredProvider, finishSignIn, startSignIn } from './oidc.js';

const REFRESH_MILLIS = 2000;
const $ = (id) => document.getElementById(id);

let pending = [];
let selected = null;
let refreshTimer = null;

function cell(row, text, className) {
  const td = row.insertCell();
  td.textContent = text;
  if (className) {
    td.className = className;
  }
  return td;
}

function timeLeft(deadline) {
  if (!deadline) {
    return 'never expires';
  }
  const seconds = Math.floor((Date.parse(deadline) - Date.now()) / 1000);
  if (seconds <= 0) {
    return 'overdue';
  }
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (hours > 0) {
    return `${hours}h ${String(minutes).padStart(2, '0')}m`;
  }
  return minutes > 0 ? `${minutes}m ${String(seconds % 60).padStart(2, '0')}s` : `${seconds}s`;
}

function adviceOf(approval) {
  return approval.interventions.map((intervention) => intervention.advice).join('; ');
}

function renderPending() {
  const body = $('pending').tBodies[0];
  body.replaceChildren();
  for (const approval of pending) {
    const row = body.insertRow();
    row.className = 'selectable' + (approval.episode_id === selected ? ' selected' : '');
    row.dataset.episodeId = approval.episode_id;
    cell(row, approval.task);
    cell(row, approval.reasons.join('; '));
    cell(row, adviceOf(approval));
    cell(row, approval.requested_by);
    cell(row, `${approval.approvals} of ${approval.required_approvals}`);
    cell(row, timeLeft(approval.deadline), 'time-left').dataset.deadline = approval.deadline ?? '';
    row.addEventListener('click', () => showDetail(approval.episode_id));
  }
  $('pending-empty').hidden = pending.length > 0;
}

function renderHistory(settled) {
  const body = $('history').tBodies[0];
  body.replaceChildren();
  for (const round of settled) {
    const row = body.insertRow();
    row.dataset.episodeId = round.episode_id;
    cell(row, round.task);
    cell(row, round.outcome, `outcome-${round.outcome}`);
    cell(row, round.approvers.join(', '));
    cell(row, round.reason ?? '');
    cell(row, round.requested_by);
    cell(row, new Date(round.closed_at).toLocaleString());
  }
  $('history-empty').hidden = settled.length > 0;
}

function tickTimeLeft() {
  for (const td of document.querySelectorAll('td.time-left')) {
    td.textContent = timeLeft(td.dataset.deadline || null);
    td.classList.toggle('overdue', td.textContent === 'overdue');
  }
}

function renderDetail(approval) {
  $('detail-task').textContent = approval.task;
  $('detail-episode').textContent = approval.episode_id;
  $('detail-requester').textContent = approval.requested_by;
  $('detail-action').textContent = approval.action
    ? `${approval.action.action}: ${approval.action.description ?? ''}` : 'the whole request';
  $('detail-risk').textContent = approval.risk_score.toFixed(2);
  $('detail-approvals').textContent = `${approval.approvals} of ${approval.required_approvals}`
    + ` (${Math.max(0, approval.required_approvals - approval.approvals)} still needed)`;
  $('detail-group').textContent = approval.approver_group ?? 'any approver';
  $('detail-deadline').textContent = approval.deadline
    ? `${new Date(approval.deadline).toLocaleString()} (${timeLeft(approval.deadline)})` : 'never expires';
  const list = $('detail-interventions');
  list.replaceChildren(...approval.interventions.map((intervention) => {
    const item = document.createElement('li');
    item.textContent = `${intervention.policy}: ${intervention.advice} (${intervention.rationale})`;
    return item;
  }));
  $('detail').hidden = false;
}

async function showDetail(episodeId) {
  selected = episodeId;
  $('decision-result').textContent = '';
  $('reason').value = '';
  try {
    renderDetail(await api.approval(episodeId));
  } catch (error) {
    handle(error);
  }
  renderPending();
}

function closeDetail() {
  selected = null;
  $('detail').hidden = true;
  renderPending();
}

async function decide(verdict) {
  const reason = $('reason').value.trim();
  if (verdict === 'reject' && !reason) {
    $('decision-result').textContent = 'A rejection needs a reason.';
    $('reason').focus();
    return;
  }
  try {
    const answer = await api.decide(selected, verdict, reason);
    $('decision-result').textContent = answer.status === 202
      ? 'Recorded; the outcome is not known yet.' : answer.body.message;
  } catch (error) {
    if (!(error instanceof ApiError) || error.status === 401) {
      handle(error);
      return;
    }
    $('decision-result').textContent = `Refused: ${error.message}`;
  }
  await refresh();
}

async function refresh() {
  try {
    const [waiting, decided, expired] = await Promise.all([api.pending(), api.decided(), api.expired()]);
    pending = waiting;
    renderPending();
    renderHistory([...decided, ...expired].sort((a, b) => Date.parse(b.closed_at) - Date.parse(a.closed_at)));
    if (selected && !pending.some((approval) => approval.episode_id === selected)) {
      $('decision-result').textContent ||= 'This approval is no longer pending.';
      $('detail').hidden = true;
      selected = null;
    }
    $('status-line').textContent = `Updated ${new Date().toLocaleTimeString()}`;
  } catch (error) {
    handle(error);
  }
}

function handle(error) {
  if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
    signOut(error.status === 401 ? 'The token was refused: sign in again.'
      : 'This token has no approver, auditor or admin role.');
    return;
  }
  $('status-line').textContent = `Not updated: ${error.message}`;
}

function showSignedIn() {
  $('sign-in').hidden = true;
  $('queue').hidden = false;
  $('identity').hidden = false;
  $('who').textContent = `Signed in as ${session.subject()}`;
  refresh();
  refreshTimer = setInterval(refresh, REFRESH_MILLIS);
}

function signOut(message = '') {
  session.signOut();
  clearInterval(refreshTimer);
  selected = null;
  $('detail').hidden = true;
  $('queue').hidden = true;
  $('identity').hidden = true;
  $('sign-in').hidden = false;
  $('sign-in-error').textContent = message;
}

$('sign-in-form').addEventListener('submit', (event) => {
  event.preventDefault();
  session.signIn($('token').value);
  $('token').value = '';
  showSignedIn();
});
$('sign-out').addEventListener('click', () => signOut());
$('close-detail').addEventListener('click', closeDetail);
$('decision-form').addEventListener('submit', (event) => {
  event.preventDefault();
  decide(event.submitter.value);
});
setInterval(tickTimeLeft, 1000);

// The provider's login, when the service names one; the token it gives is used as a pasted one would be.
async function offerProviderSignIn() {
  const provider = await configuredProvider().catch(() => null);
  if (!provider) {
    return;
  }
  $('oidc-sign-in').hidden = false;
  $('oidc-sign-in').addEventListener('click', () => startSignIn(provider)
    .catch((error) => signOut(`Sign-in failed: ${error.message}`)));
  const token = await finishSignIn(provider);
  if (token) {
    session.signIn(token);
  }
}

async function start() {
  let failure = '';
  try {
    await offerProviderSignIn();
  } catch (error) {
    failure = `Sign-in failed: ${error.message}`;
  }
  if (session.token()) {
    showSignedIn();
  } else {
    signOut(failure);
  }
}

start();
