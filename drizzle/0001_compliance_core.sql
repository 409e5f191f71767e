CREATE TABLE "applied_controls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"owner_id" uuid,
	"status" text NOT NULL,
	"frequency" text NOT NULL,
	"suggestion_id" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "assessment_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"assessment_id" uuid NOT NULL,
	"requirement_id" text NOT NULL,
	"status" text DEFAULT 'not_assessed' NOT NULL,
	"status_source" text DEFAULT 'derived' NOT NULL,
	"override_reason" text,
	"justification" text,
	"maturity" integer,
	"notes" text,
	"gap_description" text,
	"owner_id" uuid,
	"due_date" date,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"framework" text NOT NULL,
	"framework_version" text NOT NULL,
	"title" text NOT NULL,
	"system_id" uuid,
	"status" text NOT NULL,
	"created_by" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "control_requirements" (
	"org_id" uuid NOT NULL,
	"control_id" uuid NOT NULL,
	"framework" text NOT NULL,
	"requirement_id" text NOT NULL,
	CONSTRAINT "control_requirements_control_id_framework_requirement_id_pk" PRIMARY KEY("control_id","framework","requirement_id")
);
--> statement-breakpoint
CREATE TABLE "control_systems" (
	"org_id" uuid NOT NULL,
	"control_id" uuid NOT NULL,
	"system_id" uuid NOT NULL,
	CONSTRAINT "control_systems_control_id_system_id_pk" PRIMARY KEY("control_id","system_id")
);
--> statement-breakpoint
CREATE TABLE "custom_frameworks" (
	"org_id" uuid NOT NULL,
	"id" text NOT NULL,
	"pack" jsonb NOT NULL,
	"imported_from" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "custom_frameworks_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "evidence_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"evidence_id" uuid NOT NULL,
	"version_no" integer NOT NULL,
	"sha256" text NOT NULL,
	"size" bigint NOT NULL,
	"media_type" text NOT NULL,
	"file_name" text NOT NULL,
	"uploaded_by" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evidence_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"url" text,
	"note" text,
	"owner_id" uuid,
	"collected_on" date,
	"expires_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "evidence_links" (
	"org_id" uuid NOT NULL,
	"evidence_id" uuid NOT NULL,
	"target_type" text NOT NULL,
	"target_key" text NOT NULL,
	CONSTRAINT "evidence_links_evidence_id_target_type_target_key_pk" PRIMARY KEY("evidence_id","target_type","target_key")
);
--> statement-breakpoint
CREATE TABLE "remediation_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"assessment_item_id" uuid,
	"framework" text,
	"requirement_id" text,
	"title" text NOT NULL,
	"description" text,
	"owner_id" uuid,
	"due_date" date,
	"status" text NOT NULL,
	"computed_priority" integer NOT NULL,
	"priority_override" integer,
	"priority_basis" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "soa_entries" (
	"org_id" uuid NOT NULL,
	"control_ref" text NOT NULL,
	"applicable" boolean,
	"justification" text,
	"implementation_status" text DEFAULT 'not_started' NOT NULL,
	"owner_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "soa_entries_org_id_control_ref_pk" PRIMARY KEY("org_id","control_ref")
);
--> statement-breakpoint
CREATE TABLE "soa_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"version_no" integer NOT NULL,
	"approved_by" uuid,
	"approver_name" text NOT NULL,
	"approved_at" timestamp (3) with time zone NOT NULL,
	"note" text,
	"snapshot" jsonb NOT NULL,
	"snapshot_hash" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "applied_controls" ADD CONSTRAINT "applied_controls_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applied_controls" ADD CONSTRAINT "applied_controls_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_items" ADD CONSTRAINT "assessment_items_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_items" ADD CONSTRAINT "assessment_items_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_items" ADD CONSTRAINT "assessment_items_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_system_id_ai_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."ai_systems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_requirements" ADD CONSTRAINT "control_requirements_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_requirements" ADD CONSTRAINT "control_requirements_control_id_applied_controls_id_fk" FOREIGN KEY ("control_id") REFERENCES "public"."applied_controls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_systems" ADD CONSTRAINT "control_systems_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_systems" ADD CONSTRAINT "control_systems_control_id_applied_controls_id_fk" FOREIGN KEY ("control_id") REFERENCES "public"."applied_controls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_systems" ADD CONSTRAINT "control_systems_system_id_ai_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."ai_systems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custom_frameworks" ADD CONSTRAINT "custom_frameworks_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_evidence_id_evidence_items_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_items" ADD CONSTRAINT "evidence_items_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_items" ADD CONSTRAINT "evidence_items_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_links" ADD CONSTRAINT "evidence_links_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_links" ADD CONSTRAINT "evidence_links_evidence_id_evidence_items_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remediation_actions" ADD CONSTRAINT "remediation_actions_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remediation_actions" ADD CONSTRAINT "remediation_actions_assessment_item_id_assessment_items_id_fk" FOREIGN KEY ("assessment_item_id") REFERENCES "public"."assessment_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remediation_actions" ADD CONSTRAINT "remediation_actions_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "soa_entries" ADD CONSTRAINT "soa_entries_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "soa_entries" ADD CONSTRAINT "soa_entries_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "soa_versions" ADD CONSTRAINT "soa_versions_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "soa_versions" ADD CONSTRAINT "soa_versions_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "applied_controls_org_name_idx" ON "applied_controls" USING btree ("org_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_items_requirement_idx" ON "assessment_items" USING btree ("assessment_id","requirement_id");--> statement-breakpoint
CREATE INDEX "assessment_items_org_idx" ON "assessment_items" USING btree ("org_id","assessment_id");--> statement-breakpoint
CREATE INDEX "assessments_org_idx" ON "assessments" USING btree ("org_id","framework");--> statement-breakpoint
CREATE INDEX "control_requirements_org_req_idx" ON "control_requirements" USING btree ("org_id","framework","requirement_id");--> statement-breakpoint
CREATE INDEX "control_systems_org_system_idx" ON "control_systems" USING btree ("org_id","system_id");--> statement-breakpoint
CREATE UNIQUE INDEX "evidence_files_version_idx" ON "evidence_files" USING btree ("evidence_id","version_no");--> statement-breakpoint
CREATE INDEX "evidence_files_sha_idx" ON "evidence_files" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "evidence_items_org_idx" ON "evidence_items" USING btree ("org_id","title");--> statement-breakpoint
CREATE INDEX "evidence_items_org_expiry_idx" ON "evidence_items" USING btree ("org_id","expires_on");--> statement-breakpoint
CREATE INDEX "evidence_links_org_target_idx" ON "evidence_links" USING btree ("org_id","target_type","target_key");--> statement-breakpoint
CREATE INDEX "remediation_actions_org_idx" ON "remediation_actions" USING btree ("org_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "soa_versions_org_no_idx" ON "soa_versions" USING btree ("org_id","version_no");--> statement-breakpoint
CREATE FUNCTION "soa_versions_frozen"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'An approved Statement of Applicability version is frozen' USING ERRCODE = 'P0001';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "soa_versions_no_update" BEFORE UPDATE ON "soa_versions" FOR EACH ROW EXECUTE FUNCTION "soa_versions_frozen"();
