// Usage plans and API keys: one key shared by two plans (a key added before and after the plans),
// a rate-limited key with only a throttle added to a plan too, and a plan's keys across plans.
module.exports = (stack, cdk) => {
  const apigwv2 = cdk.aws_apigatewayv2;
  const shared = new apigwv2.ApiKey(stack, 'SharedKey', { apiKeyName: 'shared', description: 'Used by both tiers' });
  const gold = new apigwv2.UsagePlan(stack, 'Gold', { usagePlanName: 'gold', quota: { limit: 5000, period: apigwv2.Period.DAY } });
  const silver = new apigwv2.UsagePlan(stack, 'Silver', { throttle: { rateLimit: 5 } });
  gold.addApiKey(shared);
  silver.addApiKey(shared, { overrideLogicalId: 'SilverSharedKey' });
  const limited = new apigwv2.RateLimitedApiKey(stack, 'Limited', { throttle: { burstLimit: 3 }, enabled: false });
  gold.addApiKey(limited);
  silver.addApiKey(new apigwv2.ApiKey(stack, 'Late'));
  new cdk.CfnOutput(stack, 'GoldId', { value: gold.usagePlanId });
  new cdk.CfnOutput(stack, 'LimitedArn', { value: limited.keyArn });
};
