// zh: 督办台账的全部记录(只增不改),按录入顺序
// en: Every record of the supervision ledger (append-only), in the order they were entered
// param: plan = doc-0123456789ab — the plan's document id, or empty for every plan
MATCH (r:LedgerRecord)
WHERE $plan = '' OR r.plan = $plan
RETURN r.id AS id, r.seq AS seq, r.plan AS plan, r.task AS task, r.task_number AS task_number,
       r.task_title AS task_title, r.bureau AS bureau, r.status AS status, r.note AS note,
       r.reported_on AS reported_on, r.reported_by AS reported_by, r.entered_at AS entered_at, r.source AS source,
       r.carried_from AS carried_from
ORDER BY seq, id
