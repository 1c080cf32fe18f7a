// Math expressions over an API's metrics in alarms (the CloudWatch README's MathExpression): a
// labelled error rate with a one-minute period, and one with the default period.
module.exports = (stack, cdk) => {
  const { aws_apigatewayv2: apigwv2, aws_cloudwatch: cloudwatch } = cdk;
  const api = new apigwv2.HttpApi(stack, 'Api');
  const errorRate = new cloudwatch.MathExpression({
    expression: '100 * (e4 + e5) / n',
    usingMetrics: { e4: api.metricClientError(), e5: api.metricServerError({ label: 'five' }), n: api.metricCount() },
    label: 'Error rate',
    period: cdk.Duration.minutes(1),
  });
  new cloudwatch.Alarm(stack, 'ErrorRate', { metric: errorRate, threshold: 5, evaluationPeriods: 3 });
  new cloudwatch.Alarm(stack, 'Plain', { metric: new cloudwatch.MathExpression({ expression: 'e4 * 2', usingMetrics: { e4: api.metricClientError() } }), threshold: 5, evaluationPeriods: 1 });
};
