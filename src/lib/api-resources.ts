/** The read API's resources (docs/api.md), for the route matcher and the server alike. */
export const apiResources = ['collaboration', 'members', 'rounds', 'assessments', 'scores', 'items', 'targets'] as const;
