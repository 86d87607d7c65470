// zh: 哪个单位承担的任务最多?(牵头、配合、指导次数;可按某一角色排名)
// en: Which bureau carries the most tasks (lead, support and guide counts; ranked by one role if given)?
// param: role = "" — lead, support or guide to rank by that role (bureaus without it left out); empty to rank by total
// param: document = "" — the plan: part of its title, its number or its id (several ids joined by |); empty for all plans
// returns: bureau, leads, supports, guides, total, full_name, jurisdiction
// ids: bureau_id
// the plans first, then their bureaus' responsibilities by role (CARRIES, computed at load time)
MATCH (d:Document)
WHERE ($document = '' OR d.id = $document OR d.doc_number = $document OR d.title CONTAINS $document OR $document CONTAINS d.id)
MATCH (b:Bureau)-[c:CARRIES]->(d)
WITH b, sum(c.leads) AS leads, sum(c.supports) AS supports, sum(c.guides) AS guides
WITH b, leads, supports, guides, leads + supports + guides AS total,
     CASE $role WHEN 'lead' THEN leads WHEN 'support' THEN supports WHEN 'guide' THEN guides ELSE leads + supports + guides END AS ranked
WHERE ranked > 0
RETURN b.short_name AS bureau, leads, supports, guides, total, b.name AS full_name, b.jurisdiction AS jurisdiction, b.id AS bureau_id
ORDER BY CASE $role WHEN 'lead' THEN leads WHEN 'support' THEN supports WHEN 'guide' THEN guides ELSE total END DESC,
         total DESC, bureau, full_name, jurisdiction, bureau_id
