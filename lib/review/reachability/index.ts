/**
 * Network reachability from NetworkPolicies, with Kubernetes semantics: which of the environment's
 * workloads and the endpoints around them may connect, and what a change opens or closes.
 */
export { clusterPods, externalAddress, workloadEndpoints, namespaceNameLabel, type Endpoint, type KubernetesObject, type ListeningPort } from './endpoints';
export { describeFlow, reachabilityChange, reachabilityMatrix, type Flow, type ReachabilityChange } from './matrix';
export { allows, inCidr, networkPolicies, type Connection, type Policy } from './network-policy';
export { configuredEndpoints } from './platform-endpoints';
export { selects, type LabelSelector, type Labels } from './selectors';
export { reachabilityChanges, renderReachabilityMarkdown, type EnvironmentReachabilityChange } from './review-section';
export { objectsOf, readReviewSides, touchesKinds, type ReviewSides } from './review-sides';
