// Core escape hatch: cdk.CfnResource (a log group; an SNS topic under a plain Construct with a TopicName built from ${api.apiId}; a resource referencing the log group's Ref and GetAtt with nested objects/lists/numbers/booleans and a lowerCamelCase key); api.node.addDependency on a CfnResource; outputs of Ref/GetAtt
module.exports = (stack, cdk) => {
  const apigwv2 = cdk.aws_apigatewayv2;
  const { Construct } = require.main.require('constructs'); // resolved from synth.js's node_modules

  const api = new apigwv2.HttpApi(stack, 'HttpApi');

  const logs = new cdk.CfnResource(stack, 'AccessLogs', {
    type: 'AWS::Logs::LogGroup',
    properties: { LogGroupName: 'my-api-logs', RetentionInDays: 7 },
  });

  const group = new Construct(stack, 'Group');
  const topic = new cdk.CfnResource(group, 'Topic', {
    type: 'AWS::SNS::Topic',
    properties: {
      TopicName: `${api.apiId}-alerts`,
      FifoTopic: false,
      Tags: [{ Key: 'team', Value: 'books' }],
    },
  });

  new cdk.CfnResource(stack, 'LogsSubscription', {
    type: 'AWS::Logs::SubscriptionFilter',
    properties: {
      LogGroupName: logs.ref,
      FilterPattern: '',
      DestinationArn: logs.getAtt('Arn'),
      Distribution: 'ByLogStream',
      Nested: {
        Enabled: true,
        Threshold: 2.5,
        Count: 0,
        Items: ['a', 1, false, { Inner: logs.ref }],
        EmptyList: [],
        EmptyObject: {},
      },
    },
  });

  new cdk.CfnResource(stack, 'CamelCase', {
    type: 'AWS::SSM::Parameter',
    properties: { type: 'String', value: 'camel', Name: '/books/camel' },
  });

  api.node.addDependency(logs);

  new cdk.CfnOutput(stack, 'LogGroupName', { value: logs.ref });
  new cdk.CfnOutput(stack, 'LogGroupArn', { value: logs.getAtt('Arn').toString() });
  new cdk.CfnOutput(stack, 'TopicArn', { value: topic.getAtt('TopicArn').toString() });
};
