import { Injectable } from '@nestjs/common';
import { AppealsService } from '../appeals/appeals.service';
import { Actor, isStaff } from '../auth/actor';
import { UsersService } from '../users/users.service';
import { CaseHistory } from './pages/history.view';
import { WebCases } from './web-cases';

/**
 * The case history for the pages (staff and applicant alike): the API's event list, so the same
 * access check and the same leaving-out of what the viewer may not know (AppealsService.listEvents),
 * with the names of the people and agencies it mentions. pages/history.view.ts puts it in words.
 */
@Injectable()
export class WebCaseHistory {
  constructor(
    private readonly appeals: AppealsService,
    private readonly users: UsersService,
    private readonly cases: WebCases,
  ) {}

  async load(actor: Actor, appealId: string): Promise<CaseHistory> {
    const [{ items }, agency] = await Promise.all([this.appeals.listEvents(actor, appealId), this.cases.agencyNames()]);
    const ids = new Set<string>();
    for (const event of items) {
      if (event.actorId) ids.add(event.actorId);
      const executorId = event.type === 'assigned' ? (event.data as { executorId?: unknown }).executorId : undefined;
      if (typeof executorId === 'string') ids.add(executorId);
    }
    const names = new Map<string, string>();
    await Promise.all(
      [...ids].map(async (id) => {
        const account = await this.users.findAccount(id);
        if (account) names.set(id, account.fullName);
      }),
    );
    return {
      events: items,
      viewer: { userId: actor.id, staff: isStaff(actor) },
      names: { user: (id) => names.get(id) ?? null, agency: (id) => agency(id) },
    };
  }
}
