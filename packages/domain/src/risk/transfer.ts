/**
 * A transfer with continuity (risk model 2026.2): the person moved to another service's prescription with no
 * gap, confirmed by the receiving service. It is not an OST exit: no OST_EXIT points, no override, and no
 * NOT_IN_OST while they are on OST. A transfer without confirmed continuity stays an exit (we cannot know they
 * are being dosed), as does every transfer recorded before 2026.2.
 */
export function isContinuousTransfer(exit: { reason: string; continuity?: boolean | undefined }): boolean {
  return exit.continuity === true && exit.reason === 'transferred';
}
