// zh: 所有文件(标题、文号)
// en: Every document with its title and number
MATCH (d:Document)
RETURN d.id AS id, d.title AS title, d.doc_number AS doc_number, d.signed_on AS signed_on
ORDER BY d.title
