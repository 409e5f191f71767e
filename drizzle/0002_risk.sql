CREATE TABLE "impact_assessment_signoffs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"assessment_id" uuid NOT NULL,
	"step" text NOT NULL,
	"user_id" uuid,
	"signer_name" text NOT NULL,
	"decision" text NOT NULL,
	"note" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "impact_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"system_id" uuid NOT NULL,
	"version_no" integer NOT NULL,
	"status" text NOT NULL,
	"content" jsonb NOT NULL,
	"system_fingerprint" text NOT NULL,
	"needs_reassessment" boolean DEFAULT false NOT NULL,
	"reassessment_reason" text,
	"created_by" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp (3) with time zone,
	"approved_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "risk_controls" (
	"org_id" uuid NOT NULL,
	"risk_id" uuid NOT NULL,
	"control_id" uuid NOT NULL,
	CONSTRAINT "risk_controls_risk_id_control_id_pk" PRIMARY KEY("risk_id","control_id")
);
--> statement-breakpoint
CREATE TABLE "risk_settings" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"matrix" jsonb NOT NULL,
	"criteria" jsonb NOT NULL,
	"review_cadence" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"system_id" uuid,
	"title" text NOT NULL,
	"description" text,
	"risk_source" text,
	"objective" text,
	"likelihood" integer NOT NULL,
	"impact" integer NOT NULL,
	"treatment" text,
	"treatment_justification" text,
	"residual_likelihood" integer,
	"residual_impact" integer,
	"owner_id" uuid,
	"review_date" date,
	"status" text NOT NULL,
	"accepted_by" uuid,
	"accepted_by_name" text,
	"accepted_at" timestamp (3) with time zone,
	"acceptance_note" text,
	"suggestion_key" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "system_classifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"system_id" uuid NOT NULL,
	"rules_version" text NOT NULL,
	"eu_answers" jsonb NOT NULL,
	"eu_result" jsonb NOT NULL,
	"tier" text NOT NULL,
	"hk_answers" jsonb,
	"hk_result" jsonb,
	"classified_by" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "impact_assessment_signoffs" ADD CONSTRAINT "impact_assessment_signoffs_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "impact_assessment_signoffs" ADD CONSTRAINT "impact_assessment_signoffs_assessment_id_impact_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."impact_assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "impact_assessment_signoffs" ADD CONSTRAINT "impact_assessment_signoffs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "impact_assessments" ADD CONSTRAINT "impact_assessments_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "impact_assessments" ADD CONSTRAINT "impact_assessments_system_id_ai_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."ai_systems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_controls" ADD CONSTRAINT "risk_controls_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_controls" ADD CONSTRAINT "risk_controls_risk_id_risks_id_fk" FOREIGN KEY ("risk_id") REFERENCES "public"."risks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_controls" ADD CONSTRAINT "risk_controls_control_id_applied_controls_id_fk" FOREIGN KEY ("control_id") REFERENCES "public"."applied_controls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_settings" ADD CONSTRAINT "risk_settings_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_system_id_ai_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."ai_systems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_accepted_by_users_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_classifications" ADD CONSTRAINT "system_classifications_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_classifications" ADD CONSTRAINT "system_classifications_system_id_ai_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."ai_systems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "impact_assessment_signoffs_assessment_idx" ON "impact_assessment_signoffs" USING btree ("assessment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "impact_assessments_system_version_idx" ON "impact_assessments" USING btree ("system_id","version_no");--> statement-breakpoint
CREATE INDEX "impact_assessments_org_idx" ON "impact_assessments" USING btree ("org_id","status");--> statement-breakpoint
CREATE INDEX "risk_controls_org_control_idx" ON "risk_controls" USING btree ("org_id","control_id");--> statement-breakpoint
CREATE INDEX "risks_org_status_idx" ON "risks" USING btree ("org_id","status");--> statement-breakpoint
CREATE INDEX "risks_org_system_idx" ON "risks" USING btree ("org_id","system_id");--> statement-breakpoint
CREATE INDEX "risks_org_updated_idx" ON "risks" USING btree ("org_id","updated_at");--> statement-breakpoint
CREATE INDEX "system_classifications_org_system_idx" ON "system_classifications" USING btree ("org_id","system_id","created_at");