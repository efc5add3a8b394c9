/**
 * Shapes monitoring alerts for the staff who handle them (supervisors, dispatchers).
 */
import type { AlertDetailView, AlertView } from '../../contract/monitoring.schemas.js';
import type { AlertRow } from './alerts.service.js';

export function presentAlert(a: AlertRow): AlertView {
  return {
    id: a.id,
    questionTypeId: a.question_type_id,
    questionType: a.question_type_name,
    questionTypeEn: a.question_type_name_en ?? null,
    districtId: a.district_id,
    district: a.district_name ?? null,
    districtEn: a.district_name_en ?? null,
    windowHours: a.window_hours,
    observed: a.observed,
    expected: a.expected,
    pValue: a.p_value,
    since: a.since.toISOString(),
    raisedAt: a.raised_at.toISOString(),
    lastDetectedAt: a.last_detected_at.toISOString(),
    appealCount: a.appeal_ids.length,
    explainedByWorkId: a.explained_by_work_id,
    acknowledgedAt: a.acknowledged_at?.toISOString() ?? null,
    acknowledgedBy: a.acknowledged_by_name ?? null,
  };
}

export function presentAlertDetail(
  a: AlertRow & { appeals: { id: number; number: string; receivedAt: Date }[] },
): AlertDetailView {
  return {
    ...presentAlert(a),
    appeals: a.appeals.map((x) => ({
      id: x.id,
      number: x.number,
      receivedAt: x.receivedAt.toISOString(),
    })),
  };
}
