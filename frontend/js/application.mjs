// Start GOV.UK Frontend and MOJ Frontend components on the page.
import { initAll as govukInitAll } from "govuk-frontend";
import { initAll as mojInitAll } from "@ministryofjustice/frontend";

govukInitAll();
mojInitAll();
document.documentElement.dataset.frontendInitialised = "true";
