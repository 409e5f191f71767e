CREATE INDEX "ai_systems_org_accountable_idx" ON "ai_systems" USING btree ("org_id","accountable_owner_id");--> statement-breakpoint
CREATE INDEX "ai_systems_org_technical_idx" ON "ai_systems" USING btree ("org_id","technical_owner_id");--> statement-breakpoint
CREATE INDEX "ai_systems_data_categories_idx" ON "ai_systems" USING gin ("data_categories");--> statement-breakpoint
CREATE INDEX "ai_systems_org_live_name_idx" ON "ai_systems" USING btree ("org_id","name","id") WHERE "ai_systems"."archived_at" is null;