export { createDashboardService, type DashboardService } from './dashboard-service';
export { burnPerDay, runwayDays } from './account-figures';
export { monthRanges } from './months';
