// zh: 孵化器、举措和主体
// en: Incubators, initiatives and stakeholders
MATCH (x:Incubator) RETURN x.name AS name, x.kind AS kind
UNION ALL MATCH (x:Initiative) RETURN x.name AS name, x.kind AS kind
UNION ALL MATCH (x:Stakeholder) RETURN x.name AS name, x.kind AS kind
