DROP INDEX "cases_search_public";--> statement-breakpoint
DROP INDEX "documents_search_public";