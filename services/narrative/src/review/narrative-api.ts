import type { NarrativeApi, NarrativeTarget } from '@medicdraft/contracts';
import type { QaReview } from '../qa/qa-review.js';
import type { NarrativeReview, ReviewActor } from './narrative-review.js';

type ActorInput = Pick<NarrativeTarget, 'headers'> & { params: { tenantId: string } };
const actorOf = ({ params, headers }: ActorInput): ReviewActor => ({
  tenantId: params.tenantId,
  userId: headers['x-user-id'],
  role: headers['x-actor-role'],
  ...(headers['x-client-address'] === undefined ? {} : { sourceAddress: headers['x-client-address'] }),
});

/**
 * The review as the narrative API's port (contracts' `narrativeApi`): served over HTTP on the
 * service network, called in process by the embedded gateway. It trusts its caller for identity
 * (the gateway authenticated the session and checked role, tenant and ownership).
 */
export function createNarrativeApi(review: NarrativeReview, qa: QaReview): NarrativeApi {
  return {
    view: (input) => review.view(actorOf(input), input.params.dictationId, input.query?.version),
    edit: (input) => review.edit(actorOf(input), input.params.dictationId, input.body),
    copy: (input) => review.copy(actorOf(input), input.params.dictationId, input.body?.version, input.body?.format),
    editDistances: (input) =>
      review.editDistances(
        { tenantId: input.params.tenantId, userId: input.headers['x-user-id'], role: input.headers['x-actor-role'] },
        input.query?.sinceDays,
      ),
    reviewView: (input) => qa.thread(actorOf(input), input.params.dictationId),
    reviewComment: (input) => qa.comment(actorOf(input), input.params.dictationId, input.body),
    reviewReturn: (input) => qa.returnToProvider(actorOf(input), input.params.dictationId, input.body.version, input.body.checks),
    reviewResubmit: (input) => qa.resubmit(actorOf(input), input.params.dictationId, input.body.version),
    reviewApprove: (input) => qa.approve(actorOf(input), input.params.dictationId, input.body.version, input.body.checks),
    exportDeidentified: (input) => review.exportDeidentified(actorOf(input), input.query?.limit),
  };
}
