// zh: 哪个单位承担的任务最多?(牵头、配合、指导次数;可按某一角色排名)
// en: Which bureau carries the most tasks (lead, support and guide counts; ranked by one role if given)?
// param: role = "" — lead, support or guide to rank by that role (bureaus without it left out); empty to rank by total
// param: document = "" — the plan: part of its title, its number or its id (several ids joined by |); empty for all plans
// returns: bureau, leads, supports, guides, total, full_name, jurisdiction
// ids: bureau_id
MATCH (b:Bureau)-[r:RESPONSIBLE_FOR]->(t:Task)
MATCH (d:Document {id: t.document})
WHERE ($document = '' OR d.id = $document OR d.doc_number = $document OR d.title CONTAINS $document OR $document CONTAINS d.id)
WITH b, count(CASE WHEN r.role = 'lead' THEN 1 END) AS leads,
     count(CASE WHEN r.role = 'support' THEN 1 END) AS supports,
     count(CASE WHEN r.role = 'guide' THEN 1 END) AS guides, count(*) AS total
WITH b, leads, supports, guides, total,
     CASE $role WHEN 'lead' THEN leads WHEN 'support' THEN supports WHEN 'guide' THEN guides ELSE total END AS ranked
WHERE ranked > 0
RETURN b.short_name AS bureau, leads, supports, guides, total, b.name AS full_name, b.jurisdiction AS jurisdiction, b.id AS bureau_id
ORDER BY CASE $role WHEN 'lead' THEN leads WHEN 'support' THEN supports WHEN 'guide' THEN guides ELSE total END DESC,
         total DESC, bureau, full_name, jurisdiction, bureau_id
